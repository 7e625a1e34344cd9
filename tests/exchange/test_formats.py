"""Each CRM's export is recognised by the headers it really writes, and its columns land in the right fields."""

from __future__ import annotations

import pytest

from cockpit.exchange.formats import GENERIC, MappingError, detect, parse_map, plan_columns
from cockpit.exchange.reader import open_file
from cockpit.exchange.service import plan_files


@pytest.mark.parametrize("name, key", [
    ("hubspot.csv", "hubspot"),
    ("salesforce_report.csv", "salesforce-report"),
    ("salesforce_dataloader.csv", "salesforce-dataloader"),
    ("apollo.csv", "apollo"),
    ("pipedrive.csv", "pipedrive"),
    ("close.csv", "close"),
    ("google_contacts.csv", "google-contacts"),
    ("outlook.csv", "outlook"),
    ("custom.csv", "csv"),
    ("tab.tsv", "csv"),
])
def test_each_crm_export_is_recognised_by_its_real_headers(fixture_path, name, key):
    with open_file(fixture_path(name)) as table:
        assert detect(table.headers).key == key


# (file, first prospect's name, company, title, first phone, email)
EXPECTED = [
    ("hubspot.csv", "Dana Whitfield", "Northwind Traders", "VP Operations", "+14155550101", "dana@northwind.example.com"),
    ("salesforce_report.csv", "Priya Raman", "Tailspin Toys", "Director of IT", "+13125550143",
     "priya.raman@tailspin.example.com"),
    ("salesforce_dataloader.csv", "Grace Liu", "Adventure Works", "Procurement Lead", "+16175550119",
     "grace.liu@adventure.example.com"),
    ("apollo.csv", "Ava Chen", "Proseware", "Head of Revenue Operations", "+15125550125", "ava.chen@proseware.example.com"),
    ("pipedrive.csv", "Marta Kowalski", "Blue Yonder Airlines", "", "+16465550190", "marta@blueyonder.example.com"),
    ("close.csv", "Nadia Petrova", "Woodgrove Bank", "Head of Operations", "+17045550133", "nadia@woodgrove.example.com"),
    ("google_contacts.csv", "Sofia Andersson", "Margie's Travel", "Travel Manager", "+14155550160",
     "sofia@margies.example.com"),
    ("outlook.csv", "Jürgen Müller", "Graphic Design Institute", "Einkaufsleiter", "+49891234567",
     "j.mueller@graphic.example.de"),
]


@pytest.mark.parametrize("name, person, company, title, phone, email", EXPECTED)
def test_columns_land_in_the_right_fields(fixture_path, rules, now, ids, name, person, company, title, phone, email):
    plan = plan_files([fixture_path(name)], rules, now, new_id=ids)
    first = plan.prospects[0]
    assert (first.name, first.company, first.title, first.phones[0], first.email) == (person, company, title, phone, email)
    assert not plan.rejected and not plan.warnings


def test_outlook_title_is_a_salutation_not_the_job(fixture_path, rules, now):
    plan = plan_files([fixture_path("outlook.csv")], rules, now)
    assert [p.title for p in plan.prospects] == ["Einkaufsleiter", "Directrice commerciale"]


def test_outlook_business_line_is_dialled_before_home_and_fax_is_never_a_phone(fixture_path, rules, now):
    first = plan_files([fixture_path("outlook.csv")], rules, now).prospects[0]
    assert first.phones == ("+49891234567", "+4930901820")


def test_every_phone_column_is_kept_direct_lines_first(fixture_path, rules, now):
    apollo = plan_files([fixture_path("apollo.csv")], rules, now).prospects[0]
    # Apollo writes phones with a leading apostrophe; the same number in two columns is kept once.
    assert apollo.phones == ("+15125550125", "+15125550126", "+15125550100")
    hubspot = plan_files([fixture_path("hubspot.csv")], rules, now).prospects[0]
    assert hubspot.phones == ("+14155550101", "+14155550102")


def test_second_emails_are_kept_in_the_notes(fixture_path, rules, now):
    sofia = plan_files([fixture_path("google_contacts.csv")], rules, now).prospects[0]
    assert sofia.email == "sofia@margies.example.com"
    assert "sofia.a@mail.example.com" in sofia.research.notes
    assert "Prefers mornings" in sofia.research.notes


def test_close_other_phones_and_description(fixture_path, rules, now):
    nadia, ken = plan_files([fixture_path("close.csv")], rules, now).prospects
    assert nadia.phones == ("+17045550133", "+17045550134")
    assert nadia.research.does == "Regional bank, 40 branches"
    assert "ken@personal.example.com" in ken.research.notes


def test_first_and_middle_and_last_names_are_joined(fixture_path, rules, now):
    ravi = plan_files([fixture_path("google_contacts.csv")], rules, now).prospects[1]
    assert ravi.name == "Ravi K Patel"


def test_synonyms_read_a_home_made_sheet(fixture_path, rules, now):
    with open_file(fixture_path("custom.csv")) as table:
        fields = {c.header: c.field for c in plan_columns(table.headers, GENERIC)}
    assert fields == {"Contact": "name", "Employer": "company", "Cell": "phone", "E-mail": "email", "Time Zone": "tz"}


def test_accented_french_headers_are_understood(fixture_path, rules, now):
    with open_file(fixture_path("bom_semicolon.csv")) as table:
        fields = {c.header: c.field for c in plan_columns(table.headers, detect(table.headers))}
    assert fields == {"Nom": "last_name", "Prénom": "first_name", "Société": "company", "Fonction": "title",
                      "Téléphone": "phone", "E-mail": "email"}


def test_mailing_address_columns_are_not_emails(fixture_path, rules, now):
    with open_file(fixture_path("salesforce_report.csv")) as table:
        fields = {c.header: c.field for c in plan_columns(table.headers, detect(table.headers))}
    assert "Mailing City" not in fields and fields["Email"] == "email" and fields["Mobile"] == "phone"


def test_map_overrides_a_column():
    mapping = parse_map(["Employer=title", "Cell = ignore"])
    columns = plan_columns(["Contact", "Employer", "Cell"], GENERIC, mapping)
    assert [(c.header, c.field) for c in columns] == [("Contact", "name"), ("Employer", "title")]


@pytest.mark.parametrize("item, words", [
    ("Phone=fax", "unknown field 'fax'"),
    ("Phone", "is not COLUMN=FIELD"),
    ("=phone", "is not COLUMN=FIELD"),
])
def test_map_refuses_what_it_cannot_use(item, words):
    with pytest.raises(MappingError, match=words):
        parse_map([item])


def test_map_naming_a_missing_column_lists_the_real_ones():
    with pytest.raises(MappingError, match="'nope', which is not in the file; its columns are: Contact, Cell"):
        plan_columns(["Contact", "Cell"], GENERIC, parse_map(["Nope=phone"]))
