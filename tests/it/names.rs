//! Names as people know them, against real PokeAPI fixtures over real HTTP: display names in
//! several languages, names as typed (TUI list and CLI), complete `gen:` terms, evolution trees.

use std::collections::HashSet;

use apidex::app::list::{ListPane, TermState};
use apidex::app::terms::{self};
use apidex::model::Term;
use apidex::model::{ItemKey, Source};
use apidex::names::Lang;
use apidex::views::{Detail, EvolutionNode};
use assert_cmd::Command;

use crate::support::{TestServer, base_urls, clients, fixture_server, mount_by_id_and_name};

/// The fixture server plus the fixtures this file needs (see tests/fixtures/README.md).
async fn server() -> TestServer {
    let server = fixture_server().await;
    for id in [122, 83, 669, 29, 772, 151, 265] {
        mount_by_id_and_name(
            &server,
            "pokemon",
            id,
            &format!("pokeapi/pokemon/{id}.json"),
        );
    }
    for id in [122, 265] {
        let path = format!("pokeapi/pokemon-species/{id}.json");
        mount_by_id_and_name(&server, "pokemon-species", id, &path);
    }
    server.route(
        "/api/v2/evolution-chain/135",
        crate::support::Reply::json(crate::support::fixture("pokeapi/evolution-chain/135.json")),
    );
    server.route(
        "/api/v2/generation/4",
        crate::support::Reply::json(crate::support::fixture("pokeapi/generation/4.json")),
    );
    server
}

async fn pokemon_list(server: &TestServer, lang: Lang) -> ListPane {
    let clients = clients(server).with_lang(lang);
    let entries = apidex::fetch::list(&clients, Source::Pokemon)
        .await
        .expect("the index loads");
    let mut pane = ListPane::default();
    pane.terms_enabled = true;
    pane.set_entries(entries);
    pane
}

fn first_shown(pane: &mut ListPane, query: &str) -> Option<ItemKey> {
    pane.set_query(query.to_owned());
    pane.selected().map(|e| e.key.clone())
}

#[tokio::test]
async fn the_list_shows_display_names_and_finds_them_as_typed() {
    let server = server().await;
    let mut pane = pokemon_list(&server, Lang::En).await;
    let titles: Vec<&str> = pane.all().iter().map(|e| e.title.as_str()).collect();
    for name in [
        "Mr. Mime",
        "Farfetch’d",
        "Flabébé",
        "Nidoran♀",
        "Type: Null",
    ] {
        assert!(titles.contains(&name), "{name}");
    }
    for (typed, slug) in [
        ("Mr. Mime", "mr-mime"),
        ("mr mime", "mr-mime"),
        ("mr-mime", "mr-mime"),
        ("Farfetch'd", "farfetchd"),
        ("Farfetch’d", "farfetchd"),
        ("flabebe", "flabebe"),
        ("Nidoran♀", "nidoran-f"),
        ("nidoran-m", "nidoran-m"),
        ("Type: Null", "type-null"),
    ] {
        assert_eq!(
            first_shown(&mut pane, typed),
            Some(ItemKey::Pokemon(slug.to_owned())),
            "{typed}"
        );
    }
}

#[tokio::test]
async fn other_languages_show_and_find_their_names() {
    let server = server().await;
    let mut ja = pokemon_list(&server, Lang::Ja).await;
    let pikachu = ja.all().iter().find(|e| e.id == Some(25)).expect("#25");
    assert_eq!(pikachu.title, "ピカチュウ");
    // The slug beside it: it is what the API and the CLI know.
    assert_eq!(pikachu.secondary.as_deref(), Some("pikachu"));
    assert_eq!(
        first_shown(&mut ja, "ミュウ"),
        Some(ItemKey::Pokemon("mew".into()))
    );
    // Slugs still work in any language.
    assert_eq!(
        first_shown(&mut ja, "mr-mime"),
        Some(ItemKey::Pokemon("mr-mime".into()))
    );
    let mut de = pokemon_list(&server, Lang::De).await;
    assert_eq!(
        first_shown(&mut de, "Pantimos"),
        Some(ItemKey::Pokemon("mr-mime".into()))
    );
    let zh = pokemon_list(&server, Lang::ZhHant).await;
    let title = |id| {
        zh.all()
            .iter()
            .find(|e| e.id == Some(id))
            .map(|e| e.title.clone())
    };
    assert_eq!(title(25).as_deref(), Some("皮卡丘"));
    // Forms have no name of their own: their slug.
    assert_eq!(title(10_080).as_deref(), Some("pikachu-rock-star"));
}

#[tokio::test]
async fn enter_on_a_typed_name_asks_for_its_slug() {
    for (typed, slug) in [
        ("Mr. Mime", "mr-mime"),
        ("Type: Null", "type-null"),
        ("ミュウ", "mew"),
        ("Giratina", "giratina-altered"),
        ("pikachu-rock-star", "pikachu-rock-star"),
    ] {
        assert_eq!(
            Source::Pokemon.key_for_query(typed),
            Some(ItemKey::Pokemon(slug.to_owned())),
            "{typed}"
        );
    }
}

#[tokio::test]
async fn gen_4_lists_all_107_species_through_their_default_pokemon() {
    let server = server().await;
    let clients = clients(&server);
    let members: HashSet<String> = apidex::fetch::term_members(&clients, &Term::Gen(4))
        .await
        .expect("fetched")
        .expect("generation 4 exists")
        .into_iter()
        .collect();
    let mut pane = pokemon_list(&server, Lang::En).await;
    let resolve = |_: &Term| TermState::Ready(&members);
    pane.set_query_with("gen:4".to_owned(), &resolve);
    assert_eq!(pane.shown.len(), 107);
    let shown: Vec<String> = pane
        .shown
        .iter()
        .map(|s| pane.all()[s.entry].key.to_string())
        .collect();
    for form in ["wormadam-plant", "giratina-altered", "shaymin-land"] {
        assert!(shown.iter().any(|k| k.ends_with(form)), "{form}: {shown:?}");
    }
    // Each row admitted by id: the generation names species, the list has Pokémon.
    let giratina = pane.all().iter().find(|e| e.id == Some(487)).unwrap();
    assert!(terms::admits(&members, giratina));
    let pikachu = pane.all().iter().find(|e| e.id == Some(25)).unwrap();
    assert!(!terms::admits(&members, pikachu));
}

async fn tree(server: &TestServer, name: &str, lang: Lang) -> EvolutionNode {
    let clients = clients(server).with_lang(lang);
    let key = ItemKey::Pokemon(name.to_owned());
    let Some(Detail::Pokemon(p)) = apidex::fetch::detail(&clients, &key, Vec::new())
        .await
        .expect("fetched")
    else {
        panic!("{name} is a Pokémon");
    };
    *p.evolution.expect("the chain loads").expect("a chain")
}

fn outline(node: &EvolutionNode, depth: usize, out: &mut Vec<String>) {
    out.push(format!(
        "{}{} [{}]",
        "  ".repeat(depth),
        node.name,
        node.how
    ));
    for child in &node.evolves_to {
        outline(child, depth + 1, out);
    }
}

#[tokio::test]
async fn wurmple_branches_as_the_api_says() {
    let server = server().await;
    let mut out = Vec::new();
    outline(&tree(&server, "wurmple", Lang::En).await, 0, &mut out);
    assert_eq!(
        out,
        [
            "wurmple []",
            "  silcoon [level 7]",
            "    beautifly [level 10]",
            "  cascoon [level 7]",
            "    dustox [level 10]",
        ]
    );
}

#[tokio::test]
async fn eevee_has_each_trigger() {
    let server = server().await;
    let eevee = tree(&server, "eevee", Lang::Ja).await;
    assert_eq!(eevee.label, "イーブイ");
    let how = |name: &str| {
        eevee
            .evolves_to
            .iter()
            .find(|n| n.name == name)
            .map(|n| n.how.clone())
            .unwrap_or_default()
    };
    assert_eq!(how("vaporeon"), "use water-stone");
    assert_eq!(how("espeon"), "level up, high friendship, by day");
    assert_eq!(how("umbreon"), "level up, high friendship, at night");
    assert!(
        how("leafeon").contains("use leaf-stone"),
        "{}",
        how("leafeon")
    );
    assert!(how("leafeon").contains("…"), "{}", how("leafeon"));
    assert!(
        how("sylveon").contains("knowing a fairy move"),
        "{}",
        how("sylveon")
    );
    assert_eq!(eevee.evolves_to.len(), 8);
}

#[tokio::test]
async fn branching_chains_render_as_trees() {
    let server = server().await;
    for name in ["wurmple", "eevee"] {
        let clients = clients(&server);
        let key = ItemKey::Pokemon(name.to_owned());
        let detail = apidex::fetch::detail(&clients, &key, Vec::new())
            .await
            .unwrap()
            .unwrap();
        let text = crate::support::pages::page_text(&detail, true, 0);
        let start = text
            .iter()
            .position(|l| l == "Evolution")
            .expect("a section");
        let end = text[start..]
            .iter()
            .position(String::is_empty)
            .map_or(text.len(), |n| start + n);
        insta::assert_snapshot!(format!("evolution_{name}"), text[start..end].join("\n"));
    }
}

fn cli(server: &TestServer) -> Command {
    let [poke, jph, dog] = base_urls(server);
    let mut cmd = Command::cargo_bin("apidex").expect("the binary builds");
    cmd.env_remove("APIDEX_LANG")
        .env("LC_ALL", "C.UTF-8")
        .env("APIDEX_CONFIG", "/nonexistent/apidex-names-test.toml")
        .env("APIDEX_NO_CACHE", "1")
        .args(["--pokeapi-url", &poke, "--jsonplaceholder-url", &jph])
        .args(["--dogapi-url", &dog]);
    cmd
}

fn run(server: &TestServer, args: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let mut cmd = cli(server);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_takes_names_as_typed_and_writes_the_language_asked_for() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(server());
    let (out, err, code) = run(
        &server,
        &[
            "get",
            "pokemon",
            "Mr. Mime",
            "Farfetch’d",
            "Flabébé",
            "Nidoran♀",
            "Type: Null",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let titles: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        titles,
        [
            "#122 Mr. Mime",
            "#83 Farfetch’d",
            "#669 Flabébé",
            "#29 Nidoran♀",
            "#772 Type: Null"
        ]
    );
    let (out, _, code) = run(&server, &["--lang", "ja", "get", "pokemon", "25"], &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("#25 ピカチュウ (pikachu)\n"), "{out}");
    let (out, _, _) = run(
        &server,
        &["get", "pokemon", "ミュウ"],
        &[("APIDEX_LANG", "ko")],
    );
    assert!(out.starts_with("#151 뮤 (mew)\n"), "{out}");
    // The locale picks the language when nothing else does.
    let (out, _, _) = run(
        &server,
        &["get", "species", "25"],
        &[("LC_ALL", "zh_TW.UTF-8")],
    );
    assert!(out.starts_with("#25 皮卡丘 (pikachu) — 鼠寶可夢"), "{out}");
    let (out, _, _) = run(
        &server,
        &["get", "species", "Mr. Mime"],
        &[("LC_ALL", ""), ("LANG", "fr_FR.UTF-8")],
    );
    assert!(
        out.starts_with("#122 M. Mime (mr-mime) — Pokémon Bloqueur"),
        "{out}"
    );
}

#[test]
fn cli_misses_suggest_the_closest_names() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(server());
    let (out, err, code) = run(&server, &["get", "pokemon", "pikahcu"], &[]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("not found: pokemon pikahcu (did you mean Pikachu"),
        "{err}"
    );
    let (_, err, code) = run(&server, &["--lang", "xx", "get", "pokemon", "1"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("not a language apidex offers"), "{err}");
}

#[tokio::test]
async fn compare_cards_use_display_names_in_the_content_language() {
    let server = server().await;
    let card = |lang: &str, name: &str| {
        let clients = clients(&server).with_lang(Lang::parse(lang).unwrap());
        let key = ItemKey::Pokemon(name.to_owned());
        async move { apidex::fetch::card(&clients, &key).await.unwrap().unwrap() }
    };
    let pikachu = card("ja", "pikachu").await;
    assert_eq!(pikachu.name, "pikachu");
    assert_eq!(pikachu.label(), "ピカチュウ");
    assert_eq!(card("fr", "mr-mime").await.label(), "M. Mime");
    assert_eq!(card("en", "type-null").await.label(), "Type: Null");
}
