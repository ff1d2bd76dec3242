//! Small inline SVG icons for the player (no icon font: nothing to load,
//! nothing missing when a system lacks a glyph).

use yew::prelude::*;

/// Which icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    /// Go to start.
    Start,
    /// Step back.
    Back,
    /// Play.
    Play,
    /// Pause.
    Pause,
    /// Step forward.
    Forward,
    /// Go to end.
    End,
}

/// A 24×24 icon in the current text colour, hidden from screen readers
/// (the button carries the label).
pub fn icon(name: IconName) -> Html {
    let d = match name {
        IconName::Start => "M5 5h2.5v14H5zM9 12l10-7v14z",
        IconName::Back => "M16 5v14L6 12z",
        IconName::Play => "M8 5v14l11-7z",
        IconName::Pause => "M7 5h3.5v14H7zM13.5 5H17v14h-3.5z",
        IconName::Forward => "M8 5v14l10-7z",
        IconName::End => "M16.5 5H19v14h-2.5zM5 5l10 7-10 7z",
    };
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path d={d} fill="currentColor" />
        </svg>
    }
}
