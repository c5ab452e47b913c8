"""Personal-data detectors: e-mail, phone, card, IBAN, national ids, IP, address, DOB.

Flow position: called by :class:`~firewall_proxy.evaluate.pii.scanner.Scanner`
for the ``pii`` evaluator and for answers coming out. Every detector finds
candidates with one case-sensitive regex (cheap: see FACTS.md) and then
validates them — Luhn and issuer prefixes for cards, mod-97 for IBANs,
libphonenumber metadata for phones, ``python-stdnum`` check digits for
national ids — so "order 4111-1111-1111-1112" is not a card. Context words
near a candidate raise its score ("card", "phone", "SSN") or lower it
("order", "invoice", "tracking").
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.de import idnr as de_idnr
from stdnum.es import nif as es_nif
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir as fr_nir
from stdnum.it import codicefiscale as it_cf
from stdnum.us import ssn as us_ssn

from firewall_proxy.evaluate.pii.matches import Match, context_score

__all__ = ["TEST_CARDS", "PersonalDetector"]

TEST_CARDS: frozenset[str] = frozenset(
    {
        "4111111111111111",
        "4242424242424242",
        "4012888888881881",
        "4000056655665556",
        "5555555555554444",
        "5105105105105100",
        "5200828282828210",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "378734493671000",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "3566002020360505",
        "6200000000000005",
        "4000000000000002",
        "4000000000009995",
        "4000000000000077",
    }
)
"""Published payment-processor test card numbers (ignored when ``ignore_test_values``)."""

# Candidate patterns avoid leading look-behinds (they disable the regex engine's fast
# scan for the first character); the left boundary is checked in Python (_after_word).
_NUMBER = re.compile(r"(?:\+|00)?\(?\d[\d \-.()/]{4,26}\d(?![\w]|[.\-/]\d)")
_UPPER = re.compile(
    r"(?:(?P<iban>[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30})"
    r"|(?P<nino>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D])"
    r"|(?P<es>[XYZ]?\d{7,8}-?[A-Z])"
    r"|(?P<it>[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
    r"[0-9LMNPQRSTUV]{3}[A-Z]))\b"
)
_EMAIL = re.compile(
    r"(?<![\w.+\-%])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})"
    r"(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}\b"
)
_IPV4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}"
    r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)"
)
_IPV6 = re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f:]{2,39}(?![\w:])")
_VERSION_BEFORE = re.compile(r"\b(?:v|version|release|build|ver\.?)\s*\Z")
_ADDRESS = re.compile(
    # English: "868 Kevin Radial Suite 869", "12 Baker Street, London NW1 6XE"
    r"\b\d{1,5}[A-Za-z]?,? (?:[A-Z][A-Za-z'\-]+\.? ){1,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Circle|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Crescent|Close|Gardens|Grove|"
    r"Hill|Hills|Mews|Row|Walk|Park|Green|Radial|Skyway|Crossing|Ridge|Loop|Pass|Plaza|Port|"
    r"Ports|Pike|Point|Points|Springs|Station|Summit|Valley|View|Village|Ville|Vista|Wells|"
    r"Junction|Heights|Harbor|Fields|Field|Estates|Centers|Center|Brook|Branch|Bypass|Causeway|"
    r"Cove|Creek|Expressway|Falls|Ferry|Forest|Forge|Fork|Freeway|Glen|Haven|Island|Isle|Key|"
    r"Knoll|Lake|Lakes|Land|Landing|Lock|Manor|Meadow|Meadows|Mill|Mills|Mission|Motorway|"
    r"Mount|Mountain|Orchard|Oval|Overpass|Parade|Path|Prairie|Ranch|Rapid|Rest|River|Route|"
    r"Shoal|Shore|Shores|Spur|Stream|Street|Throughway|Trace|Track|Tunnel|Turnpike|Union|"
    r"Unions|Via|Viaduct|Wall|Ways|Ridges|Squares|Roads|Streets|Lanes|Drives|Courts|Gardens|"
    r"Passage|Inlet|Dale|Rise|Vale|Common|Fort|Lodge|Ranch)s?\b\.?"
    r"(?: (?:Apt\.|Suite|Unit|Flat|#) ?\d{1,5}\w?)?"
    r"(?:,?\s{1,2}[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},? [A-Z]{2} \d{5}(?:-\d{4})?)?"
    # German: "Pärtzeltstraße 7, 66258 Brand"
    r"|\b[A-ZÄÖÜ][a-zäöüß\-]+(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer)"
    r"(?: (?:[A-ZÄÖÜ][a-zäöüß]+ )?)?\s?\d{1,4}\s?[a-z]?\b(?:,?\s{1,2}\d{5} [A-ZÄÖÜ][\wäöüß\-]+)?"
    r"|\b[A-ZÄÖÜ][a-zäöüß\-]+(?:er|e) (?:Straße|Strasse|Weg|Allee|Platz|Ring) \d{1,4}[a-z]?\b"
    # French: "89, avenue de Pruvost 05591 Bernier"
    r"|\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|"
    r"quai|route|cours|square) [^\n,;]{2,40}?(?=[,;\n]|\s\d{5}\b|$)(?:,?\s{1,2}\d{5} [A-Z][\w\-]+)?"
    # Spanish / Italian: "Camino de Sofía Valera 169", "Via Roma, 77"
    r"|\b(?:Calle|C/|Avenida|Avda\.|Paseo|Plaza|Camino|Carrera|Ronda|Vía|Pasaje|Travesía|"
    r"Urbanización|Cañada|Glorieta|Alameda|Rambla|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Largo|"
    r"Strada|Stretto|Borgo|Contrada|Rotonda|Incrocio|Canale) (?:d[eiaol]\w* )?"
    r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?: [\wáéíóúñ]+){0,3}?,? \d{1,4}\b"
)
_ADDRESS_KEYS = ("address", "adresse", "dirección", "direccion", "indirizzo", "anschrift")
_ADDRESS_LABEL = re.compile(
    r"(?:(?:home|postal|mailing|billing|shipping|street) )?(?:address|adresse|dirección|"
    r"direccion|indirizzo|anschrift)\s?:[ \t]*(?P<v>[^\n;|]{4,80}?)[ \t]*(?=\n|;|\||$)"
)
_DOB_KEYS = (
    "born",
    "birth",
    "dob",
    "d.o.b",
    "geboren",
    "geburt",
    "naissance",
    "né",
    "nacid",
    "nacimiento",
    "nascita",
    "nato",
    "nata",
)
_DOB = re.compile(
    r"(?:born(?: on| in)?|date of birth|birth ?date|birthday|d\.?o\.?b\.?|geboren(?: am)?|"
    r"geburtsdatum|née? le|date de naissance|fecha de nacimiento|nacid[oa] el|data di nascita|"
    r"nat[oa] il)[\s:,\-]{0,4}(?:is |was |on |am |le |el |il )?"
    r"(?P<date>\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.? [a-zäéû]{3,9}\.? "
    r"\d{4}|[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
)
_DATE_LIKE = re.compile(
    r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d+\.\d+"
)


def _words(alternation: str) -> re.Pattern[str]:
    """Context words match at a word start: "inversiones" does not say "version"."""
    return re.compile(rf"\b(?:{alternation})")


_PHONE_CTX = _words(
    r"phone|tel\b|tel[.:]|call|mobile|cell|fax|whatsapp|sms|text me|ring|"
    r"handy|telefon|téléphone|portable|teléfono|móvil|telefono|cellulare|"
    r"numéro|número|numero|number"
)
_CARD_CTX = _words(r"card|visa|master|amex|credit|debit|cc\b|karte|carte|tarjeta|carta|pan\b")
_NEG_CTX = re.compile(
    r"\b(?:order|invoice|tracking|ticket|ref\b|reference|ref[.:#]|id[:#]|"
    r"sku|serial|part no|bestell|commande|pedido|ordine|rechnung|facture|"
    r"account no|isbn|version)|#\s*\Z"
)
_SSN_CTX = _words(r"ssn|social\b|social security|social sec|taxpayer|itin\b")
_NATIONAL_CTX = _words(
    r"steuer|tax|idnr|identifikation|fiscal|nif\b|nir\b|sécurité sociale|"
    r"securite sociale|insee|impôt|impot|numéro fiscal|dni|nie\b|"
    r"codice|insurance|national"
)
_DIGIT = re.compile(r"\d")
_IPV4_SHAPE = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_SSN_SHAPE = re.compile(r"\d{3}([\- ])\d{2}\1\d{4}")
_SEPARATORS = re.compile(r"[ \-.()/]")

Adder = Callable[[Match], None]


class PersonalDetector:
    """Finds personal data in one text. Stateless; safe to share between requests."""

    def __init__(
        self, *, phone_regions: Iterable[str], ignore_test_values: bool, entities: frozenset[str]
    ) -> None:
        self.regions = tuple(r.upper() for r in phone_regions)
        self.ignore_test_values = ignore_test_values
        self.entities = entities

    def scan(self, text: str, lower: str) -> list[Match]:
        out: list[Match] = []
        add = out.append
        want = self.entities
        if "@" in text and "EMAIL" in want:
            self._emails(text, add)
        if _DIGIT.search(text) is not None:
            upper: list[Match] = []
            self._upper(text, lower, upper.append)
            out.extend(upper)
            self._numbers(text, lower, add, [(m.start, m.end) for m in upper])
            if "." in text and "IP_ADDRESS" in want:
                self._ipv4(text, lower, add)
            if "ADDRESS" in want:
                for m in _ADDRESS.finditer(text):
                    add(Match("ADDRESS", m.start(), m.end(), 0.75))
            if "DOB" in want and any(k in lower for k in _DOB_KEYS):
                for m in _DOB.finditer(lower):
                    add(Match("DOB", m.start("date"), m.end("date"), 0.85))
        if "ADDRESS" in want and any(k in lower for k in _ADDRESS_KEYS):
            for m in _ADDRESS_LABEL.finditer(lower):
                add(Match("ADDRESS", m.start("v"), m.end("v"), 0.7))
        if "IP_ADDRESS" in want and ("::" in text or text.count(":") >= 7):
            self._ipv6(text, add)
        return [m for m in out if m.entity in want]

    # -- e-mail, IP -----------------------------------------------------------

    @staticmethod
    def _emails(text: str, add: Adder) -> None:
        for m in _EMAIL.finditer(text):
            start = m.start()
            # "https://user:pa#ss@host" is a URL credential (the secrets scanner's), not a mail
            token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
            if start > token_start and "://" in text[token_start:start]:
                continue
            add(Match("EMAIL", start, m.end(), 0.95, validated=True))

    @staticmethod
    def _ipv4(text: str, lower: str, add: Adder) -> None:
        for m in _IPV4.finditer(text):
            if _after_word(text, m.start(), "."):
                continue
            if _VERSION_BEFORE.search(lower, max(0, m.start() - 12), m.start()):
                continue
            ip = ipaddress.IPv4Address(m.group())
            public = ip.is_global
            add(Match("IP_ADDRESS", m.start(), m.end(), 0.85 if public else 0.6, validated=True))

    @staticmethod
    def _ipv6(text: str, add: Adder) -> None:
        for m in _IPV6.finditer(text):
            try:
                ip = ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            if m.group() in ("::", "::1"):
                continue
            add(
                Match(
                    "IP_ADDRESS", m.start(), m.end(), 0.85 if ip.is_global else 0.6, validated=True
                )
            )

    # -- digit runs: cards, phones, SSN, DE/FR ids ---------------------------------

    def _numbers(self, text: str, lower: str, add: Adder, taken: list[tuple[int, int]]) -> None:
        want = self.entities
        for m in _NUMBER.finditer(text):
            raw = m.group()
            start, end = m.start(), m.end()
            if _after_word(text, start, "+.-/"):
                continue
            if any(a <= start < b for a, b in taken) or _IPV4_SHAPE.fullmatch(raw):
                continue  # digits inside an IBAN, or an IP address: not a number of its own
            # "(030) 1234" — the regex cannot look behind "(" cheaply; trim a lone ")" tail
            while raw.endswith(")") and raw.count("(") < raw.count(")"):
                raw, end = raw[:-1], end - 1
            digits = "".join(c for c in raw if c.isdigit())
            n = len(digits)
            if n < 7 or _DATE_LIKE.fullmatch(raw.strip("() ")):
                continue
            formatted = _SEPARATORS.search(raw) is not None
            best: Match | None = None
            if 12 <= n <= 19 and "CARD" in want:
                best = _better(best, self._card(raw, digits, lower, start, end, formatted))
            if n == 9 and "SSN" in want:
                best = _better(best, _ssn(raw, digits, lower, start, end))
            if n == 11 and "DE_IDNR" in want and de_idnr.is_valid(digits):
                best = _better(best, _national("DE_IDNR", lower, start, end, 0.6))
            if n == 13 and "FR_NIF" in want and fr_nif.is_valid(digits):
                best = _better(best, _national("FR_NIF", lower, start, end, 0.55))
            if n == 15 and "FR_NIR" in want and fr_nir.is_valid(digits):
                best = _better(best, _national("FR_NIR", lower, start, end, 0.85))
            ssn_shaped = n == 9 and _SSN_SHAPE.fullmatch(raw) is not None
            if (
                (best is None or best.score < 0.9)
                and n <= 15
                and not ssn_shaped
                and ("PHONE" in want)
            ):
                best = _better(best, self._phone(raw, lower, start, end, formatted))
            if best is not None:
                add(best)

    def _card(
        self, raw: str, digits: str, lower: str, start: int, end: int, formatted: bool
    ) -> Match | None:
        if formatted and not re.fullmatch(r"\d{3,6}(?:[ \-]\d{3,6}){1,4}", raw):
            return None
        if not _card_prefix(digits) or not luhn.is_valid(digits):
            return None
        if self.ignore_test_values and digits in TEST_CARDS:
            return None
        ctx = context_score(lower, start, end, _CARD_CTX, _NEG_CTX)
        if ctx < 0:
            return None
        score = 0.95 if ctx > 0 else (0.9 if formatted else 0.7)
        return Match("CARD", start, end, score, validated=True)

    def _phone(self, raw: str, lower: str, start: int, end: int, formatted: bool) -> Match | None:
        ctx = context_score(lower, start, end, _PHONE_CTX, _NEG_CTX)
        if ctx < 0:
            return None
        international = raw.startswith(("+", "00"))
        if not international and not formatted and ctx == 0:
            return None  # a bare digit run is a phone only when the text says so
        candidate = "+" + raw[2:] if raw.startswith("00") else raw
        regions: tuple[str | None, ...] = (None,) if international else self.regions
        for region in regions:
            try:
                number = phonenumbers.parse(candidate, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                score = 0.95 if international or ctx > 0 else 0.8
                return Match("PHONE", start, end, score, validated=True)
        return None

    # -- upper-case ids: IBAN, NINO, ES NIF/NIE, IT codice fiscale -------------------

    def _upper(self, text: str, lower: str, add: Adder) -> None:
        want = self.entities
        for m in _UPPER.finditer(text):
            kind = m.lastgroup
            start, end = m.start(), m.end()
            if _after_word(text, start, ""):
                continue
            if kind == "iban" and "IBAN" in want:
                found = _iban(m.group(), start)
                if found is not None:
                    add(found)
            elif kind == "nino" and "NINO" in want:
                compact = m.group().replace(" ", "")
                if compact[:2] not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
                    add(_national("NINO", lower, start, end, 0.85))
            elif kind == "es" and "ES_NIF" in want and es_nif.is_valid(m.group()):
                add(_national("ES_NIF", lower, start, end, 0.85))
            elif kind == "it" and "IT_CF" in want and it_cf.is_valid(m.group()):
                add(Match("IT_CF", start, end, 0.95, validated=True))


def _after_word(text: str, start: int, also: str) -> bool:
    """True when ``text[start]`` continues a word (or follows one of ``also``)."""
    if not start:
        return False
    prev = text[start - 1]
    return prev.isalnum() or prev == "_" or prev in also


def _better(a: Match | None, b: Match | None) -> Match | None:
    if b is None:
        return a
    if a is None or b.score > a.score:
        return b
    return a


def _card_prefix(d: str) -> bool:
    """Issuer identification numbers of the card networks in use (length-checked)."""
    n = len(d)
    two, four = int(d[:2]), int(d[:4])
    if d[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # American Express
    if d.startswith(("6011", "65")) or 644 <= int(d[:3]) <= 649:
        return 16 <= n <= 19  # Discover
    if two == 35:
        return 16 <= n <= 19  # JCB
    if d.startswith(("1800", "2131")):
        return n == 15  # JCB (legacy 15-digit)
    if two in (36, 38, 39) or 300 <= int(d[:3]) <= 305:
        return 14 <= n <= 19  # Diners
    if two == 62:
        return 16 <= n <= 19  # UnionPay
    maestro = two in (50, 56, 57, 58, 67) or d.startswith(("0604", "6304", "6390"))
    return maestro and 12 <= n <= 19


def _ssn(raw: str, digits: str, lower: str, start: int, end: int) -> Match | None:
    shaped = _SSN_SHAPE.fullmatch(raw) is not None
    ctx = context_score(lower, start, end, _SSN_CTX, _NEG_CTX)
    if ctx < 0 or not (shaped or ctx > 0) or not us_ssn.is_valid(digits):
        return None
    return Match("SSN", start, end, 0.95 if ctx > 0 else 0.85, validated=True)


def _national(entity: str, lower: str, start: int, end: int, base: float) -> Match:
    ctx = context_score(lower, start, end, _NATIONAL_CTX, _NEG_CTX)
    score = 0.95 if ctx > 0 else (base if ctx == 0 else 0.2)
    return Match(entity, start, end, score, validated=True)


def _mod97(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    if not rearranged.isalnum() or not rearranged.isascii():
        return False
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _iban(raw: str, start: int) -> Match | None:
    # The regex may swallow a following upper-case word: drop space-separated
    # groups from the right until the rest validates.
    groups = raw.split(" ")
    while groups:
        candidate = "".join(groups).upper()  # people also type "de89 3704 …"
        # mod-97 first (cheap); python-stdnum then checks the country's length and format
        if 15 <= len(candidate) <= 34 and _mod97(candidate) and std_iban.is_valid(candidate):
            length = len(" ".join(groups))
            return Match("IBAN", start, start + length, 0.95, validated=True)
        groups.pop()
    return None
