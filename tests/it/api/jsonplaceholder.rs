//! JSONPlaceholder client against the fixture server.
#![allow(clippy::unwrap_used)]

use apidex::api::jsonplaceholder::Collection;
use apidex::api::jsonplaceholder::models::Post;

use crate::support::{clients, fixture_server, within};

#[tokio::test]
async fn posts_lists_all_hundred() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let posts = within(api.posts()).await.unwrap().data;
    assert_eq!(posts.len(), 100);
    let ids: Vec<u32> = posts.iter().map(|p| p.id).collect();
    assert_eq!(ids, (1..=100).collect::<Vec<_>>());
    assert_eq!(
        posts[0].title,
        "sunt aut facere repellat provident occaecati excepturi optio reprehenderit"
    );
    assert_eq!(server.requests(), vec!["/posts"]);
}

#[tokio::test]
async fn post_by_id() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let post = within(api.post(1)).await.unwrap().unwrap().data;
    assert_eq!(post.id, 1);
    assert_eq!(post.user_id, 1);
    assert_eq!(
        post.title,
        "sunt aut facere repellat provident occaecati excepturi optio reprehenderit"
    );
    assert!(
        post.body.starts_with("quia et suscipit\n"),
        "{:?}",
        post.body
    );
    assert_eq!(server.requests(), vec!["/posts/1"]);
}

#[tokio::test]
async fn post_comments() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let comments = within(api.post_comments(1)).await.unwrap().unwrap().data;
    assert_eq!(comments.len(), 5);
    assert!(comments.iter().all(|c| c.post_id == 1), "{comments:?}");
    assert_eq!(comments[0].id, 1);
    assert_eq!(comments[0].email, "Eliseo@gardner.biz");
    assert_eq!(server.requests(), vec!["/posts/1/comments"]);
}

#[tokio::test]
async fn users_lists_all_ten() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let users = within(api.users()).await.unwrap().data;
    assert_eq!(users.len(), 10);
    assert_eq!(users[0].name, "Leanne Graham");
    assert_eq!(users[9].name, "Clementina DuBuque");
}

#[tokio::test]
async fn user_by_id_with_address_and_company() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let user = within(api.user(1)).await.unwrap().unwrap().data;
    assert_eq!(user.id, 1);
    assert_eq!(user.name, "Leanne Graham");
    assert_eq!(user.username, "Bret");
    assert_eq!(user.email, "Sincere@april.biz");
    let company = user.company.expect("company");
    assert_eq!(company.name, "Romaguera-Crona");
    assert_eq!(
        company.catch_phrase,
        "Multi-layered client-server neural-net"
    );
    let address = user.address.expect("address");
    assert_eq!(address.city, "Gwenborough");
    assert_eq!(address.zipcode, "92998-3874");
}

#[tokio::test]
async fn user_posts() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let posts = within(api.user_posts(1)).await.unwrap().unwrap().data;
    assert_eq!(posts.len(), 10);
    assert!(posts.iter().all(|p| p.user_id == 1), "{posts:?}");
    assert_eq!(server.requests(), vec!["/users/1/posts"]);
}

#[tokio::test]
async fn todo_by_id() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let todo = within(api.todo(1)).await.unwrap().unwrap().data;
    assert_eq!(todo.id, 1);
    assert_eq!(todo.user_id, 1);
    assert_eq!(todo.title, "delectus aut autem");
    assert!(!todo.completed);
}

#[tokio::test]
async fn missing_post_is_none() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let missing = within(api.post(999)).await.unwrap();
    assert!(missing.is_none(), "{missing:?}");
    assert_eq!(server.requests(), vec!["/posts/999"]);
}

#[tokio::test]
async fn items_keep_input_order_with_none_for_missing() {
    let server = fixture_server().await;
    let api = clients(&server).jsonplaceholder;
    let results = within(api.items::<Post>(Collection::Posts, vec![2, 999, 1])).await;
    assert_eq!(results.len(), 3);
    let ids: Vec<Option<u32>> = results
        .iter()
        .map(|r| r.as_ref().unwrap().as_ref().map(|p| p.data.id))
        .collect();
    assert_eq!(ids, vec![Some(2), None, Some(1)]);
    let second = results[0].as_ref().unwrap().as_ref().unwrap();
    assert_eq!(second.data.title, "qui est esse");
    let mut seen = server.requests();
    seen.sort();
    assert_eq!(seen, vec!["/posts/1", "/posts/2", "/posts/999"]);
}
