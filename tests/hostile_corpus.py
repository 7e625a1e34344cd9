"""Names and companies as web forms and CRM files deliver them, at their worst: markup, escape
sequences, line breaks, bidi controls, a megabyte. Each must show as plain text and store exactly."""

HOSTILE = {
    "closing tag": "Ana [/x] Costa",
    "markup style": "[reverse]Ben[/reverse] Okafor",
    "unbalanced": "[bold Carla [[ ]] ]",
    "markup link": "[link=https://example.com]Dee[/link]",
    "clear screen": "Eve\x1b[2J\x1b[H Adams",
    "window title": "Finn\x1b]0;pwned\x07 Ross",
    "C1 CSI": "Gus\x9b31m Red",
    "newline": "Hana\nFAKE  LINE  12:00",
    "carriage return": "Ivo\rOverwritten",
    "tab and bell": "Jo\t\x07Bell",
    "right-to-left override": "Kai \u202egnp.exe",
    "zero width and isolates": "Lea\u200b\u2066Mo\u2069",
    "emoji and accents": "Mía Ñúñez 🚀",
}
HUGE = "Z" * (1 << 20)  # a megabyte in one field

# What may never reach a terminal raw: C0 but newline, DEL, C1, the bidi controls.
FORBIDDEN = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)} | set(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_controls(text: str) -> set[str]:
    return {ch for ch in text if ch in FORBIDDEN}
