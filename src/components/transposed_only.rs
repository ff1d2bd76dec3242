//! The frame of a section about transposed convolution only (the three
//! computations, the checkerboard), and what it holds while the page shows a
//! convolution: a sentence saying so, and a button that switches right there
//! rather than sending the reader back up to the operation choice.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::hint;
use crate::app::i18n::Lang;
use crate::app::state::Action;
use crate::app::Dispatch;
use crate::math::Op;

/// What names a section: its `data-section` (also its class), its heading's
/// id and its heading.
#[derive(Clone, Copy)]
pub struct SectionName {
    /// `data-section` and CSS class, e.g. `"equivalence"`.
    pub name: &'static str,
    /// The heading's id, e.g. `"equiv-heading"`.
    pub heading_id: &'static str,
    /// The heading's text.
    pub heading: &'static str,
}

/// The section with `body`, or with the note and the switch when `body` is
/// `None` (the page shows a convolution).
///
/// Both have the same two children, the heading and one body, so the heading
/// stays the same element when the body changes: Yew matches the children
/// of an unkeyed list from the end. The switch moves focus to the heading
/// (`tabindex="-1"`), so that keyboard and screen reader users stay in the
/// section, now with its content, instead of on a removed button.
pub fn transposed_section(
    section: SectionName,
    lang: Lang,
    dispatch: &Dispatch,
    body: Option<Html>,
) -> Html {
    let SectionName {
        name,
        heading_id,
        heading,
    } = section;
    let body = body.unwrap_or_else(|| {
        let t = lang.strings();
        let show = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                dispatch.dispatch(Action::SetOp(Op::ConvTranspose2d));
                if let Some(h) = gloo::utils::document()
                    .get_element_by_id(heading_id)
                    .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = h.focus();
                }
            })
        };
        html! {
            <>
                { hint(t.transposed_only()) }
                <button type="button" class="button" data-action="show-transposed" onclick={show}>
                    { t.show_transposed() }
                </button>
            </>
        }
    });
    html! {
        <section CLASS={format!("section {name}")} aria-labelledby={heading_id} data-section={name}>
            <h2 id={heading_id} tabindex="-1">{ heading }</h2>
            { body }
        </section>
    }
}
