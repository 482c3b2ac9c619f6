//! Dog API client against the fixture server: the envelope, single-string vs array images, and
//! unknown breeds.
#![allow(clippy::unwrap_used)]

use apidex::api::dogapi::models::BreedName;

use crate::support::{clients, fixture_server, within};

#[tokio::test]
async fn breeds_with_and_without_sub_breeds() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let list = within(api.breeds()).await.unwrap();
    let breeds = &list.data.breeds;
    let australian = breeds
        .iter()
        .find(|b| b.name == "australian")
        .expect("australian");
    assert_eq!(australian.sub_breeds, vec!["kelpie", "shepherd"]);
    let affenpinscher = breeds
        .iter()
        .find(|b| b.name == "affenpinscher")
        .expect("affenpinscher");
    assert!(affenpinscher.sub_breeds.is_empty());
    // Alphabetical, as documented.
    let names: Vec<&str> = breeds.iter().map(|b| b.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    // The raw body is the whole envelope, not just the message.
    assert_eq!(list.value()["status"], "success");
    assert_eq!(server.requests(), vec!["/api/breeds/list/all"]);
}

#[tokio::test]
async fn one_random_image_is_a_single_string_answer() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let breed = BreedName::parse("hound/afghan");
    let images = within(api.random_images(&breed, 1)).await.unwrap().unwrap();
    assert_eq!(
        images.data.0,
        vec!["https://images.dog.ceo/breeds/hound-afghan/n02088094_1917.jpg"]
    );
    assert!(images.value()["message"].is_string());
    assert_eq!(
        server.requests(),
        vec!["/api/breed/hound/afghan/images/random"]
    );
}

#[tokio::test]
async fn several_random_images_are_an_array_answer() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let breed = BreedName::parse("hound/afghan");
    let images = within(api.random_images(&breed, 3)).await.unwrap().unwrap();
    assert_eq!(images.data.0.len(), 3);
    assert!(
        images
            .data
            .0
            .iter()
            .all(|u| u.starts_with("https://images.dog.ceo/breeds/hound-afghan/")),
        "{:?}",
        images.data.0
    );
    assert_eq!(
        server.requests(),
        vec!["/api/breed/hound/afghan/images/random/3"]
    );
}

#[tokio::test]
async fn unknown_breed_is_none() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let result = within(api.random_images(&BreedName::parse("nope"), 1)).await;
    assert!(matches!(result, Ok(None)), "{result:?}");
    assert_eq!(server.requests(), vec!["/api/breed/nope/images/random"]);
}

#[tokio::test]
async fn breed_images() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let images = within(api.breed_images(&BreedName::parse("affenpinscher")))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(images.data.0.len(), 79);
    assert!(
        images
            .data
            .0
            .iter()
            .all(|u| u.starts_with("https://images.dog.ceo/breeds/affenpinscher/"))
    );
    assert_eq!(server.requests(), vec!["/api/breed/affenpinscher/images"]);
}

#[tokio::test]
async fn random_images_of_any_breed() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let images = within(api.random_any(2)).await.unwrap();
    assert_eq!(
        images.data.0,
        vec![
            "https://images.dog.ceo/breeds/terrier-norfolk/synthetic-043.jpg",
            "https://images.dog.ceo/breeds/dachshund/synthetic-014.jpg",
        ]
    );
    assert_eq!(server.requests(), vec!["/api/breeds/image/random/2"]);
}

#[tokio::test]
async fn random_images_many_keeps_order() {
    let server = fixture_server().await;
    let api = clients(&server).dogapi;
    let breeds = vec![BreedName::parse("nope"), BreedName::parse("hound/afghan")];
    let results = within(api.random_images_many(breeds, 1)).await;
    assert_eq!(results.len(), 2);
    assert!(matches!(results[0], Ok(None)), "{:?}", results[0]);
    let images = results[1].as_ref().unwrap().as_ref().unwrap();
    assert_eq!(images.data.0.len(), 1);
}

#[test]
fn breed_name_parse() {
    assert_eq!(
        BreedName::parse("Hound/Afghan"),
        BreedName {
            breed: "hound".to_owned(),
            sub: Some("afghan".to_owned()),
        }
    );
    assert_eq!(
        BreedName::parse("hound/"),
        BreedName {
            breed: "hound".to_owned(),
            sub: None,
        }
    );
    assert_eq!(
        BreedName::parse("hound"),
        BreedName {
            breed: "hound".to_owned(),
            sub: None,
        }
    );
    assert_eq!(
        BreedName::parse("  Hound / Afghan "),
        BreedName {
            breed: "hound".to_owned(),
            sub: Some("afghan".to_owned()),
        }
    );
    // Display reads back.
    assert_eq!(BreedName::parse("Hound/Afghan").to_string(), "hound/afghan");
    assert_eq!(BreedName::parse("hound/").to_string(), "hound");
}
