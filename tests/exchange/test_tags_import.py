"""Tags, lead type and source come in from the columns CRMs write, and choose each person's cadence."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.cli import main
from cockpit.exchange.formats import parse_map
from cockpit.exchange.importer import Options
from cockpit.exchange.labels import lead_type_of, tag_of
from cockpit.exchange.service import plan_files

NOW = "2026-11-23T10:00:00-05:00"


def people(plan) -> dict[str, tuple[str, str, str]]:
    return {p.name: (p.tag, p.lead_type, p.cadence) for p in plan.prospects}


def test_hubspot_lifecycle_stage_is_the_tag(fixture_path, rules, now):
    plan = plan_files([fixture_path("hubspot_lifecycle.csv")], rules, now)
    assert people(plan) == {
        "Carla Mendes": ("client", "cold", "client"), "Ravi Nair": ("partner", "cold", "partner"),
        "Ada Brooks": ("prospect", "cold", "cold-call"), "Hugo Lind": ("prospect", "cold", "cold-call"),
        "Mei Sato": ("client", "cold", "client"), "Tom Ekberg": ("prospect", "cold", "cold-call")}
    assert plan.warnings == [] and plan.rejected == []
    assert {p.name: p.source for p in plan.prospects}["Ravi Nair"] == "Referrals"  # Original Source


def test_tags_and_lead_type_columns_choose_the_cadence_and_an_unknown_value_is_one_warning(fixture_path, rules, now):
    plan = plan_files([fixture_path("tags_lead_type.csv")], rules, now)
    assert people(plan) == {
        "Iris Vogel": ("client", "referral", "client"),  # "vip; customer": one known value is enough
        "Bram Smit": ("partner", "web", "partner"),  # a partner from the web is still a partner
        "Noor Aziz": ("prospect", "web", "web-lead"),  # "Web form": speed to lead
        "Lars Holm": ("prospect", "cold", "cold-call"),  # no tag: a prospect
        "Yara Costa": ("prospect", "cold", "cold-call"),
    }
    assert {p.name: p.source for p in plan.prospects}["Lars Holm"] == "Purchased list"
    assert [(w.row, w.message) for w in plan.warnings] == [
        (6, "tag 'newsletter' is not one of prospect, client, partner (nor a CRM's word for one: "
            "customer, evangelist, reseller, lead, opportunity...); imported as prospect"),
        (6, "lead type 'carrier pigeon' is not one of cold, web, referral, partner (nor a word for one: "
            "outbound, inbound, web form, website, referred...); imported as cold")]


def test_salesforce_account_type_is_the_tag(fixture_path, rules, now):
    plan = plan_files([fixture_path("salesforce_accounts.csv")], rules, now)
    assert {name: tag for name, (tag, _lead, _cadence) in people(plan).items()} == {
        "Elsa Berg": "client", "Kofi Mensah": "partner", "Lina Park": "prospect", "Omar Saleh": "partner",
        "Rhea Kapoor": "prospect"}
    assert plan.warnings == []


def test_pipedrive_label_and_close_status_are_read(tmp_path, rules, now):
    pipedrive = tmp_path / "pipedrive.csv"
    pipedrive.write_text("Person - Name,Person - Label,Person - Phone - Work\n"
                         "Ann Lee,Customer,+1 646 555 0190\nBo Chan,Hot lead,+1 646 555 0191\n")
    close = tmp_path / "close.csv"
    close.write_text("display_name,status_label,primary_contact_name,primary_contact_primary_phone\n"
                     "Woodgrove,Customer,Nadia Petrova,+1 704 555 0133\nLucerne,Qualified,Ken Ito,+1 646 555 0170\n")
    plan = plan_files([pipedrive, close], rules, now)
    assert {n: tag for n, (tag, _l, _c) in people(plan).items()} == {
        "Ann Lee": "client", "Bo Chan": "prospect", "Nadia Petrova": "client", "Ken Ito": "prospect"}
    assert plan.warnings == []


def test_an_explicit_option_wins_over_the_column(fixture_path, rules, now):
    plan = plan_files([fixture_path("hubspot_lifecycle.csv")], rules, now, options=Options(tag="prospect"))
    assert {tag for tag, _l, _c in people(plan).values()} == {"prospect"}
    plan = plan_files([fixture_path("tags_lead_type.csv")], rules, now, options=Options(lead_type="referral"))
    assert {lead for _t, lead, _c in people(plan).values()} == {"referral"}
    assert [w.message.split(" is ")[0] for w in plan.warnings] == ["tag 'newsletter'"]


def test_map_reads_any_column_as_tag_lead_type_or_source(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    assert parse_map(["Tags=tag", "Lead Type=lead_type", "Source=source", "Kind=lead-type"]) == {
        "tags": "tag", "lead type": "lead_type", "source": "source", "kind": "lead_type"}
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Phone,Segment,Channel,Came From\nAnn Lee,+1 646 555 0190,Partner,Inbound,Webinar\n")
    code = main(["import", str(sheet), "--map", "Segment=tag", "--map", "Channel=lead_type",
                 "--map", "Came From=source", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    pid = json.loads(out)["ids"][0]
    assert main(["show", pid, "--json"]) == 0
    p = json.loads(capsys.readouterr().out)["prospect"]
    assert (p["tag"], p["lead_type"], p["source"], p["cadence"]) == ("partner", "web", "Webinar", "partner")


def test_the_dry_run_shows_what_each_row_was_tagged(capsys, monkeypatch, fixture_path):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    assert main(["import", "--dry-run", str(fixture_path("tags_lead_type.csv")), "--map", "Tags=tag"]) == 0
    out = capsys.readouterr().out
    assert "Iris Vogel, Contoso Pharma  +1 212-555-0121  client  → call" in out
    assert "  warning    row 6: tag 'newsletter' is not one of prospect, client, partner" in out


noise = st.sampled_from(("vip", "newsletter", "Q3 list", "former customer", "events", "do not mail"))
known = st.sampled_from((("customer", "client"), ("Customer - Direct", "client"), ("Evangelist", "partner"),
                         ("Channel Partner / Reseller", "partner"), ("lead", "prospect"),
                         ("Marketing Qualified Lead", "prospect"), ("client", "client"), ("partner", "partner")))


@given(before=st.lists(noise, max_size=3), after=st.lists(noise, max_size=3), word=known,
       separator=st.sampled_from(("; ", ", ", " | ", ";")))
def test_a_known_value_anywhere_in_a_multi_valued_cell_maps(before, after, word, separator):
    value, tag = word
    assert tag_of([separator.join([*before, value, *after])]) == tag
    assert tag_of([separator.join(before + after)] if before + after else []) is None


@pytest.mark.parametrize("value, lead_type", [
    ("Inbound", "web"), ("Web form", "web"), ("Website", "web"), ("web", "web"), ("Referral", "referral"),
    ("Referred", "referral"), ("Word of mouth", "referral"), ("Partner", "partner"), ("Outbound", "cold"),
    ("Cold call", "cold"), ("cold", "cold"), ("Trade show", None)])
def test_lead_type_words(value, lead_type):
    assert lead_type_of([value]) == lead_type


def test_the_closest_relationship_wins_when_a_cell_names_several():
    assert tag_of(["lead; customer; partner"]) == "client" and tag_of(["lead", "Partner"]) == "partner"
