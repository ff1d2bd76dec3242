//! What a section about transposed convolution shows while the page shows a
//! convolution: a sentence saying so, and a button that switches right there
//! rather than sending the reader back up to the operation choice.

use yew::prelude::*;

use crate::app::i18n::Lang;
use crate::app::state::Action;
use crate::app::Dispatch;
use crate::math::Op;

/// The note and the switch button, for the body of a section.
pub fn transposed_only(lang: Lang, dispatch: &Dispatch) -> Html {
    let t = lang.strings();
    let show = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetOp(Op::ConvTranspose2d)))
    };
    html! {
        <>
            <p class="hint">{ t.transposed_only }</p>
            <button type="button" class="button" data-action="show-transposed" onclick={show}>
                { t.show_transposed }
            </button>
        </>
    }
}
