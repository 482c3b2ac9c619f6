#!/usr/bin/env python3
"""Regenerates apidex's bundled offline snapshot (assets/snapshot.json.gz) from real API data.

    python3 assets/make_snapshot.py /work/shared/data assets/snapshot.json.gz

It also writes assets/names.json.gz beside the output: every species' display names in the
content languages apidex offers, its default Pokémon and its legendary/mythical/baby flags.

Reads DATA/pokeapi/api-data-v2.tar.gz (PokeAPI's own api-data: api/v2/<endpoint>/<id>/index.json
with relative /api/v2 links; _replica/names.json maps names to ids),
DATA/jsonplaceholder/data.json and DATA/dogapi/breeds-list-all.json. Standard library only; the
build and the tests never run it. The output is deterministic (same input, same bytes).

The snapshot is one gzip-compressed JSON object:

    {"format": 1,
     "sources": {"pokeapi": "https://pokeapi.co/api/v2", ...},
     "aliases": {"pokeapi:/pokemon/pikachu": "pokeapi:/pokemon/25", ...},
     "bodies": {"pokeapi:/pokemon/25": {...the response body...}, ...}}

A key is a source name, a colon and the path (with its query, if any) relative to that source's
live base URL, lower-cased and without a trailing slash. Bodies are the JSON the live API sends
(PokeAPI: compact, links absolute `https://pokeapi.co/api/v2/...`, trimmed to the fields apidex
reads; JSONPlaceholder: pretty-printed as json-server writes it; Dog API: verbatim).
"""
import gzip
import io
import json
import sys
import tarfile

POKEAPI_LIVE = "https://pokeapi.co/api/v2"
SOURCES = {
    "pokeapi": POKEAPI_LIVE,
    "jsonplaceholder": "https://jsonplaceholder.typicode.com",
    "dogapi": "https://dog.ceo/api",
}
FIRST_POKEMON = 151
# Content languages kept in the snapshot's species and in the name table, as PokeAPI names them.
LANGUAGES = ["en", "ja", "ja-hrkt", "ko", "zh-hans", "zh-hant", "fr", "de", "es", "it"]


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def pretty(value):
    """What json-server (JSON.stringify(value, null, 2)) sends."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def absolute(value):
    """Relative `/api/v2/...` links made absolute, as the live API writes them."""
    if isinstance(value, dict):
        return {k: absolute(v) for k, v in value.items()}
    if isinstance(value, list):
        return [absolute(v) for v in value]
    if isinstance(value, str) and value.startswith("/api/v2/"):
        return POKEAPI_LIVE + value[len("/api/v2"):]
    return value


def pick(obj, *keys):
    return {k: obj[k] for k in keys if k in obj}


def english(entries):
    return [e for e in entries if e.get("language", {}).get("name") == "en"]


def link_id(url):
    return int(url.rstrip("/").rsplit("/", 1)[1])


class PokeData:
    def __init__(self, archive):
        self.files = {}
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".json"):
                    self.files[member.name] = tar.extractfile(member).read()
        self.names = json.loads(self.files["_replica/names.json"])

    def get(self, endpoint, key=None):
        path = f"api/v2/{endpoint}/" + (f"{key}/" if key is not None else "") + "index.json"
        return json.loads(self.files[path])

    def names_of(self, endpoint, ids):
        """Name -> id for the given ids, from the name table."""
        wanted = {str(i) for i in ids}
        return {n: int(i) for n, i in self.names.get(endpoint, {}).items() if i in wanted}


def trim_pokemon(p):
    out = pick(p, "id", "name", "height", "weight", "base_experience", "types", "stats",
               "abilities", "species")
    out["sprites"] = pick(p["sprites"], "front_default", "front_shiny")
    return out


def in_languages(entries):
    return [e for e in entries if e.get("language", {}).get("name") in LANGUAGES]


def latest_per_language(entries):
    """The last entry of each kept language (the one apidex shows), in the API's order."""
    last = {}
    for i, e in enumerate(entries):
        lang = e.get("language", {}).get("name")
        if lang in LANGUAGES:
            last[lang] = i
    return [entries[i] for i in sorted(last.values())]


def trim_species(s):
    out = pick(s, "id", "name", "evolution_chain", "generation", "is_legendary", "is_mythical",
               "is_baby")
    out["names"] = in_languages(s.get("names", []))
    out["genera"] = in_languages(s.get("genera", []))
    out["flavor_text_entries"] = latest_per_language(s.get("flavor_text_entries", []))
    return out


def name_table(data):
    """Every species' display names per language, default Pokémon and flags (names.json.gz).

    The browser's list shows display names from this table: the live index has slugs only,
    and fetching 1025 species to learn their names is not something to do at start."""
    species = []
    for entry in data.get("pokemon-species")["results"]:
        s = data.get("pokemon-species", link_id(entry["url"]))
        default = next((v["pokemon"]["name"] for v in s.get("varieties", [])
                        if v.get("is_default")), s["name"])
        names = {n["language"]["name"]: n["name"] for n in s.get("names", [])
                 if n["language"]["name"] in LANGUAGES}
        flags = "".join(f for f, key in (("l", "is_legendary"), ("m", "is_mythical"),
                                         ("b", "is_baby")) if s.get(key))
        species.append([s["id"], s["name"], default, flags,
                        {lang: names[lang] for lang in LANGUAGES if lang in names}])
    species.sort(key=lambda row: row[0])
    return {"format": 1, "languages": LANGUAGES,
            "columns": ["id", "slug", "default_pokemon", "flags (l legendary, m mythical, b baby)",
                        "names"],
            "species": species}


def trim_ability(a):
    out = pick(a, "id", "name")
    out["effect_entries"] = english(a.get("effect_entries", []))
    out["flavor_text_entries"] = english(a.get("flavor_text_entries", []))
    out["pokemon"] = a.get("pokemon", [])
    return out


def trim_link(link):
    """One stage of an evolution chain: the species and what it evolves into."""
    return {
        "is_baby": link.get("is_baby", False),
        "species": link["species"],
        "evolution_details": link.get("evolution_details", []),
        "evolves_to": [trim_link(t) for t in link.get("evolves_to", [])],
    }


def trim_chain(c):
    return {"id": c["id"], "chain": trim_link(c["chain"])}


def trim_type(t):
    return pick(t, "id", "name", "damage_relations", "pokemon")


def trim_generation(g):
    return pick(g, "id", "name", "main_region", "pokemon_species")


def index_page(listing):
    """`/{endpoint}?limit=N` with N at least the count: everything on one page."""
    return {"count": listing["count"], "next": None, "previous": None,
            "results": listing["results"]}


def pokeapi(data):
    bodies, aliases = [], {}

    def add(path, value):
        bodies.append(("pokeapi:" + path, compact(absolute(value))))

    def alias(endpoint, ids):
        for name, i in sorted(data.names_of(endpoint, ids).items()):
            aliases[f"pokeapi:/{endpoint}/{name}"] = f"pokeapi:/{endpoint}/{i}"

    add("/pokemon?limit=100000", index_page(data.get("pokemon")))
    add("/type?limit=100", index_page(data.get("type")))

    pokemon_ids = list(range(1, FIRST_POKEMON + 1))
    species_ids, ability_ids, chain_ids = [], set(), set()
    for i in pokemon_ids:
        p = data.get("pokemon", i)
        add(f"/pokemon/{i}", trim_pokemon(p))
        species_id = link_id(p["species"]["url"])
        if species_id not in species_ids:
            species_ids.append(species_id)
        ability_ids.update(link_id(a["ability"]["url"]) for a in p["abilities"])
    for i in species_ids:
        s = data.get("pokemon-species", i)
        add(f"/pokemon-species/{i}", trim_species(s))
        if s.get("evolution_chain"):
            chain_ids.add(link_id(s["evolution_chain"]["url"]))
    for i in sorted(chain_ids):
        add(f"/evolution-chain/{i}", trim_chain(data.get("evolution-chain", i)))
    for i in sorted(ability_ids):
        add(f"/ability/{i}", trim_ability(data.get("ability", i)))
    type_ids = [link_id(t["url"]) for t in data.get("type")["results"]]
    for i in type_ids:
        add(f"/type/{i}", trim_type(data.get("type", i)))
    add("/generation/1", trim_generation(data.get("generation", 1)))
    # The Berries tab (a registered source at home on PokeAPI, src/sources/berry.rs): its list
    # and every berry, whole (they are small), by id and by name.
    berries = data.get("berry")
    add("/berry?limit=100000", index_page(berries))
    for berry in berries["results"]:
        i = link_id(berry["url"])
        add(f"/berry/{i}", data.get("berry", i))
        aliases[f"pokeapi:/berry/{berry['name']}"] = f"pokeapi:/berry/{i}"

    alias("pokemon", pokemon_ids)
    alias("pokemon-species", species_ids)
    alias("ability", ability_ids)
    alias("type", type_ids)
    alias("generation", [1])
    return bodies, aliases


def jsonplaceholder(data):
    bodies = []

    def add(path, value):
        bodies.append(("jsonplaceholder:" + path, pretty(value)))

    add("/posts", data["posts"])
    add("/users", data["users"])
    for user in data["users"]:
        uid = user["id"]
        add(f"/users/{uid}", user)
        posts = [p for p in data["posts"] if p["userId"] == uid]
        add(f"/users/{uid}/posts", posts)
        for post in posts:
            add(f"/posts/{post['id']}", post)
            add(f"/posts/{post['id']}/comments",
                [c for c in data["comments"] if c["postId"] == post["id"]])
        add(f"/users/{uid}/todos", [t for t in data["todos"] if t["userId"] == uid])
        add(f"/users/{uid}/albums", [a for a in data["albums"] if a["userId"] == uid])
    return bodies


def main(argv):
    if len(argv) != 3:
        sys.exit(f"usage: {argv[0]} DATA_DIR OUTPUT.json.gz")
    root, output = argv[1], argv[2]
    poke_data = PokeData(f"{root}/pokeapi/api-data-v2.tar.gz")
    poke_bodies, aliases = pokeapi(poke_data)
    names_output = output.rsplit("/", 1)[0] + "/names.json.gz" if "/" in output else "names.json.gz"
    table = compact(name_table(poke_data)).encode("utf-8")
    with open(names_output, "wb") as fh:
        fh.write(gzip.compress(table, compresslevel=9, mtime=0))
    print(f"{names_output}: {len(table):,} bytes")
    with open(f"{root}/jsonplaceholder/data.json", encoding="utf-8") as fh:
        jph_bodies = jsonplaceholder(json.load(fh))
    with open(f"{root}/dogapi/breeds-list-all.json", encoding="utf-8") as fh:
        breeds = fh.read().strip()
    json.loads(breeds)  # must be JSON: it is embedded as is
    bodies = poke_bodies + jph_bodies + [("dogapi:/breeds/list/all", breeds)]

    keys = [k for k, _ in bodies]
    assert len(keys) == len(set(keys)), "duplicate key"
    assert all(v in set(keys) for v in aliases.values()), "alias to a missing body"

    # Written by hand so each body's exact text (pretty or compact) is kept inside the file.
    out = io.StringIO()
    out.write('{"format":1,\n"sources":' + compact(SOURCES) + ',\n"aliases":{')
    out.write(",".join(f"\n{compact(k)}:{compact(v)}" for k, v in aliases.items()))
    out.write('},\n"bodies":{')
    out.write(",".join(f"\n{compact(k)}:{v}" for k, v in bodies))
    out.write("}}\n")
    text = out.getvalue()
    json.loads(text)  # the whole file must parse
    raw = text.encode("utf-8")
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    with open(output, "wb") as fh:
        fh.write(packed)
    print(f"{output}: {len(bodies)} bodies, {len(aliases)} aliases, "
          f"{len(raw):,} bytes, {len(packed):,} compressed")


if __name__ == "__main__":
    main(sys.argv)
