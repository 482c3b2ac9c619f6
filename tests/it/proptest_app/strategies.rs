//! Strategies: random intents, keys, mouse events, terminal events and sizes, and the steps of a
//! run made of them.

use apidex::model::Source;
use apidex::msg::Msg;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// Characters to type: anything at all, and often one of the nasty ones.
pub(super) fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            'a', 'p', 'i', 'k', '1', '2', '5', '#', ':', ' ', '/', '!', '^', '$', '\'', '\\',
            '\u{1b}', '\u{7}', '\r', '\n', '\t', '\u{0}', '\u{7f}', '\u{9b}', '\u{85}',
            '\u{202e}', '\u{2066}', '\u{200b}', '\u{200d}', '\u{301}', '\u{20dd}', '\u{feff}',
            'ピ', '皮', '😀', '🐶', 'م', 'ש', 'é', 'ß', 'İ', 'ﬃ',
        ]),
        // Enough of these make `type:ghost gen:1 dex:1-151` appear now and then.
        1 => prop::sample::select(vec!['t', 'y', 'e', 'g', 'n', 'd', 'x', '-', 'o', 's']),
    ]
}

pub(super) fn delta() -> impl Strategy<Value = isize> {
    prop_oneof![
        4 => -3isize..=3,
        1 => any::<isize>(),
        1 => Just(isize::MIN),
        1 => Just(isize::MAX),
    ]
}

pub(super) fn source() -> impl Strategy<Value = Source> {
    prop::sample::select(Source::ALL.to_vec())
}

/// Every intent, with random parameters.
pub(super) fn intent() -> impl Strategy<Value = Msg> {
    let simple = prop::sample::select(vec![
        Msg::Top,
        Msg::Bottom,
        Msg::FocusList,
        Msg::FocusDetail,
        Msg::FocusSearch,
        Msg::SearchBackspace,
        Msg::SearchClear,
        Msg::Confirm,
        Msg::Back,
        Msg::ToggleMark,
        Msg::MarkAll,
        Msg::Retry,
        Msg::ToggleHelp,
        Msg::NextTab,
        Msg::PrevTab,
        Msg::HistoryBack,
        Msg::HistoryForward,
        Msg::ToggleShiny,
        Msg::AnotherPhoto,
        Msg::Compare,
        Msg::ToggleBookmark,
        Msg::ShowBookmarks,
        Msg::ShowHistory,
        Msg::Saved(apidex::msg::SavedMsg::Delete),
        Msg::Saved(apidex::msg::SavedMsg::ClearHistory),
        Msg::Export,
        Msg::ShowRequest,
        Msg::OpenPage,
        Msg::Resize,
        Msg::Tick,
    ]);
    let coordinate = prop_oneof![3 => 0u16..320, 1 => any::<u16>()];
    // What opens pages, batches and comparisons, more often than the rest.
    let common = prop::sample::select(vec![
        Msg::Confirm,
        Msg::ToggleMark,
        Msg::MarkAll,
        Msg::Compare,
        Msg::FocusList,
        Msg::Back,
    ]);
    prop_oneof![
        6 => simple,
        4 => common,
        4 => delta().prop_map(Msg::Move),
        1 => delta().prop_map(Msg::Page),
        5 => any_char().prop_map(Msg::SearchInput),
        1 => delta().prop_map(Msg::SearchRecall),
        1 => source().prop_map(Msg::SelectTab),
        2 => (coordinate.clone(), coordinate.clone())
            .prop_map(|(x, y)| Msg::Click { x, y }),
        1 => (coordinate.clone(), coordinate, delta())
            .prop_map(|(x, y, delta)| Msg::Wheel { x, y, delta }),
    ]
}

pub(super) fn key_code() -> impl Strategy<Value = KeyCode> {
    let named = prop::sample::select(vec![
        KeyCode::Backspace,
        KeyCode::Enter,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Esc,
        KeyCode::Null,
        KeyCode::CapsLock,
        KeyCode::Menu,
        KeyCode::KeypadBegin,
        KeyCode::Media(MediaKeyCode::Play),
        KeyCode::Modifier(ModifierKeyCode::LeftShift),
    ]);
    // The app's own keys, often, so that sequences do things.
    let bound = prop::sample::select(
        "qjkgGhl/ arcsn123?"
            .chars()
            .map(KeyCode::Char)
            .collect::<Vec<_>>(),
    );
    let common = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Down,
        KeyCode::Char(' '),
        KeyCode::Char('c'),
    ]);
    prop_oneof![
        3 => named,
        3 => common,
        4 => bound,
        3 => any_char().prop_map(KeyCode::Char),
        1 => any::<u8>().prop_map(KeyCode::F),
    ]
}

pub(super) fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ]
}

pub(super) fn key_event() -> impl Strategy<Value = KeyEvent> {
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Repeat,
        KeyEventKind::Release,
    ]);
    (key_code(), modifiers(), kind, any::<u8>()).prop_map(|(code, modifiers, kind, state)| {
        KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::from_bits_truncate(state),
        }
    })
}

pub(super) fn mouse_event() -> impl Strategy<Value = MouseEvent> {
    let button = prop::sample::select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    let kind = prop_oneof![
        button.clone().prop_map(MouseEventKind::Down),
        button.clone().prop_map(MouseEventKind::Up),
        button.prop_map(MouseEventKind::Drag),
        Just(MouseEventKind::Moved),
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::ScrollLeft),
        Just(MouseEventKind::ScrollRight),
    ];
    let coordinate = prop_oneof![3 => 0u16..320, 1 => any::<u16>()];
    (kind, coordinate.clone(), coordinate, modifiers()).prop_map(
        |(kind, column, row, modifiers)| MouseEvent {
            kind,
            column,
            row,
            modifiers,
        },
    )
}

pub(super) fn terminal_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => key_event().prop_map(Event::Key),
        3 => mouse_event().prop_map(Event::Mouse),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => Just(Event::FocusGained),
        1 => Just(Event::FocusLost),
        1 => prop::collection::vec(any_char(), 0..20)
            .prop_map(|chars| Event::Paste(chars.into_iter().collect())),
    ]
}

/// How a result is built from the effect it answers.
#[derive(Debug, Clone)]
pub(super) struct Answer {
    /// Which outstanding effect it answers.
    pub(super) effect: Index,
    /// Which outcome (found, not found, failed, retrying…) and which data.
    pub(super) outcome: u8,
    /// Which item of a batch, a comparison or a data set.
    pub(super) item: Index,
    /// A random request id instead of the effect's (a stale result).
    pub(super) stale: Option<u64>,
    /// Which tab a stale result claims to be for.
    pub(super) source: Source,
}

pub(super) fn answer() -> impl Strategy<Value = Answer> {
    (
        any::<Index>(),
        any::<u8>(),
        any::<Index>(),
        prop_oneof![4 => Just(None), 1 => (0u64..400).prop_map(Some)],
        source(),
    )
        .prop_map(|(effect, outcome, item, stale, source)| Answer {
            effect,
            outcome,
            item,
            stale,
            source,
        })
}

/// One step of a run.
#[derive(Debug, Clone)]
// Steps are made and used one at a time: boxing the big one would buy nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Step {
    /// An intent straight into `update`.
    Intent(Msg),
    /// A terminal event through the key map.
    Event(Event),
    /// A result for an outstanding (or an imaginary) request.
    Answer(Answer),
    /// The terminal changes size.
    Resize(u16, u16),
    /// Several intents in a row: marking a few rows, then opening a batch or a comparison (rare
    /// in a random sequence, since Esc and `a` undo or overdo the marks).
    Burst(Vec<Msg>),
}

pub(super) fn burst() -> impl Strategy<Value = Step> {
    let finish = prop::sample::select(vec![Msg::Compare, Msg::Confirm, Msg::Retry]);
    (1usize..=7, delta(), finish).prop_map(|(marks, gap, finish)| {
        let mut msgs = vec![Msg::FocusList];
        for _ in 0..marks {
            msgs.push(Msg::ToggleMark);
            msgs.push(Msg::Move(gap));
        }
        msgs.push(finish);
        Step::Burst(msgs)
    })
}

pub(super) fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (1u16..=300, 1u16..=100),
        1 => (1u16..=60, 1u16..=14),
        1 => prop::sample::select(vec![
            (1, 1), (39, 9), (40, 10), (79, 24), (80, 24), (60, 20), (300, 100), (2, 100),
            (300, 1),
        ]),
    ]
}

pub(super) fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => intent().prop_map(Step::Intent),
        4 => terminal_event().prop_map(Step::Event),
        6 => answer().prop_map(Step::Answer),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => burst(),
    ]
}

pub(super) fn pick<T: Clone>(items: &[T], index: Index) -> T {
    items[index.index(items.len())].clone()
}
