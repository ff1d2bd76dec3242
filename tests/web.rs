//! Browser tests: mount the real app in headless Chromium and read the DOM.
//! Run by `make test` as `cargo test --target wasm32-unknown-unknown --test web`
//! (wasm-bindgen-test-runner + ChromeDriver).
#![cfg(all(target_arch = "wasm32", not(target_os = "wasi")))]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
    MouseEvent, MouseEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits for `n` animation frames (IntersectionObserver answers arrive after
/// a frame's layout).
async fn frames(n: usize) {
    for _ in 0..n {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    yew::scheduler::flush().await;
}

/// Scrolls the element matching `selector` into view and waits until the
/// app has seen it there.
async fn bring_into_view(root: &Element, selector: &str) {
    one(root, selector).scroll_into_view();
    frames(3).await;
}

/// A new empty `<div>` at the end of `<body>`, to mount a component in.
fn fresh_root() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts a fresh app reading `query` and waits for it to render.
async fn mount(query: &str) -> Element {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")))
        .unwrap();
    let root = fresh_root();
    yew::Renderer::<convt::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

/// The `data-value`s of a grid as rows.
fn grid(root: &Element, name: &str) -> Vec<Vec<String>> {
    let g = one(root, &format!("[data-grid='{name}']"));
    let rows: usize = g.get_attribute("data-rows").unwrap().parse().unwrap();
    let cols: usize = g.get_attribute("data-cols").unwrap().parse().unwrap();
    (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| {
                    one(&g, &format!("[data-row='{r}'][data-col='{c}']"))
                        .get_attribute("data-value")
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

fn rows(values: &[&[i64]]) -> Vec<Vec<String>> {
    values
        .iter()
        .map(|r| r.iter().map(|v| v.to_string()).collect())
        .collect()
}

fn key(target: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

fn mouse(target: &Element, kind: &str) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let e = MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

/// Types `text` into the open cell editor, not committed.
async fn draft_in_editor(root: &Element, text: &str) {
    let input: HtmlInputElement = one(root, ".cell-editor").dyn_into().unwrap();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

/// Types `text` into the open cell editor and presses Enter.
async fn type_into_editor(root: &Element, text: &str) {
    draft_in_editor(root, text).await;
    key(&one(root, ".cell-editor"), "Enter");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn default_page_is_the_article_example() {
    let root = mount("").await;
    assert_eq!(grid(&root, "input"), rows(&[&[2, 1], &[4, 4]]));
    assert_eq!(
        grid(&root, "kernel"),
        rows(&[&[1, 4, 1], &[1, 4, 3], &[3, 3, 1]])
    );
    assert_eq!(
        grid(&root, "output"),
        rows(&[
            &[2, 9, 6, 1],
            &[6, 29, 30, 7],
            &[10, 29, 33, 13],
            &[12, 24, 16, 4]
        ])
    );
    let c = one(&root, "[data-matrix='C']");
    assert_eq!(
        (
            c.get_attribute("data-rows").unwrap(),
            c.get_attribute("data-cols").unwrap()
        ),
        ("4".into(), "16".into())
    );
    let ct = one(&root, "[data-matrix='CT']");
    assert_eq!(
        (
            ct.get_attribute("data-rows").unwrap(),
            ct.get_attribute("data-cols").unwrap()
        ),
        ("16".into(), "4".into())
    );
    // C's first row is the article's [1,4,1,0,1,4,3,0,3,3,1,0,0,0,0,0].
    // Each non-zero shows its value and which weight it is (`data-w`,
    // drawn under the value by CSS).
    let digits: Vec<String> = all(&c, "tbody tr:first-child td")
        .iter()
        .map(|td| td.text_content().unwrap())
        .collect();
    let weights: Vec<String> = all(&c, "tbody tr:first-child td[data-w]")
        .iter()
        .map(|td| td.get_attribute("data-w").unwrap())
        .collect();
    assert_eq!(
        weights,
        ["0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2"]
    );
    assert_eq!(
        digits,
        ["1", "4", "1", "0", "1", "4", "3", "0", "3", "3", "1", "0", "0", "0", "0", "0"]
    );
    // Nothing takes focus on load; the player opens finished.
    let player = one(&root, "[data-player]");
    assert_eq!(
        player.get_attribute("data-step"),
        player.get_attribute("data-steps")
    );
    assert!(all(&root, "[data-active='true']").is_empty());
}

#[wasm_bindgen_test]
async fn conv2d_link_shows_the_article_convolution() {
    let root = mount("op=conv2d").await;
    assert_eq!(grid(&root, "input").len(), 4);
    assert_eq!(grid(&root, "output"), rows(&[&[122, 148], &[126, 134]]));
}

#[wasm_bindgen_test]
async fn cell_shades_follow_values_and_editing() {
    // A 1×1 kernel of 1: the output is the input.
    let root = mount("input=4,0;-2,-4&kernel=1").await;
    let class = |grid: &str, r: usize, c: usize| {
        one(
            &root,
            &format!("[data-grid='{grid}'] [data-row='{r}'][data-col='{c}']"),
        )
        .get_attribute("class")
        .unwrap_or_default()
    };
    // Eight steps of the largest magnitude (4), "neg" below zero.
    assert_eq!(class("output", 0, 0), "cell s8");
    assert_eq!(class("output", 0, 1), "cell s0");
    assert_eq!(class("output", 1, 0), "cell s4 neg");
    assert_eq!(class("output", 1, 1), "cell s8 neg");
    let cell = one(&root, "[data-grid='input'] [data-row='0'][data-col='1']");
    key(&cell, "Enter");
    yew::scheduler::flush().await;
    assert_eq!(class("input", 0, 1), "cell s0 editing");
    type_into_editor(&root, "1").await;
    assert_eq!(class("input", 0, 1), "cell s2");
    assert_eq!(class("output", 0, 1), "cell s2");
}

#[wasm_bindgen_test]
async fn rows_of_a_long_grid_far_from_the_screen_follow_after_the_frame() {
    // 32×32 ones and a 3×3 kernel of ones: y[1,1] and y[32,32] are 4, and
    // both follow the kernel's centre weight.
    let ones = vec![vec!["1"; 32].join(","); 32].join(";");
    let root = mount(&format!("input={ones}&kernel=1,1,1;1,1,1;1,1,1")).await;
    let output = |r: usize, c: usize| {
        one(
            &root,
            &format!("[data-grid='output'] [data-row='{r}'][data-col='{c}']"),
        )
        .get_attribute("data-value")
        .unwrap_or_default()
    };
    assert_eq!((output(1, 1), output(32, 32)), ("4".into(), "4".into()));
    let edit = |value: &'static str| {
        let root = root.clone();
        async move {
            let cell = one(&root, "[data-grid='kernel'] [data-row='1'][data-col='1']");
            key(&cell, "Enter");
            yew::scheduler::flush().await;
            draft_in_editor(&root, value).await;
            // The kernel at the top of the screen, the output's first rows
            // under it and its last rows far below.
            let window = web_sys::window().unwrap();
            let top = one(&root, "[data-grid='kernel']")
                .get_bounding_client_rect()
                .top();
            window.scroll_by_with_x_and_y(0.0, top - 10.0);
            frames(3).await;
            let height = window.inner_height().unwrap().as_f64().unwrap();
            let far = one(&root, "[data-grid='output'] [data-row='32'][data-col='32']");
            assert!(
                far.get_bounding_client_rect().top() > 1.5 * height,
                "the test needs y[32,32] more than a quarter screen below the screen"
            );
            key(&one(&root, ".cell-editor"), "Enter");
            yew::scheduler::flush().await;
        }
    };
    edit("2").await;
    // Near the screen: on the edit's own render. Far: the old value, then
    // the new one once the edits pause.
    assert_eq!(output(1, 1), "5");
    assert_eq!(output(32, 32), "4");
    sleep(convt::app::on_screen::CATCH_UP_MS as i32 + 150).await;
    assert_eq!(output(32, 32), "5");
    // A far row that comes near the screen follows at once, before the
    // catch-up would.
    edit("3").await;
    assert_eq!((output(1, 1), output(32, 32)), ("6".into(), "5".into()));
    bring_into_view(&root, "[data-grid='output'] [data-row='32'][data-col='32']").await;
    assert_eq!(output(32, 32), "6");
}

/// Every cell of every grid as (grid, row, column, text, class, accessible
/// name, value, highlight): what a reader or a test can see of it.
fn cells(root: &Element) -> Vec<[String; 8]> {
    all(root, "[data-grid] [data-row][data-col]")
        .iter()
        .map(|cell| {
            let attr = |name: &str| cell.get_attribute(name).unwrap_or_default();
            let grid = cell
                .closest("[data-grid]")
                .unwrap()
                .unwrap()
                .get_attribute("data-grid")
                .unwrap();
            [
                grid,
                attr("data-row"),
                attr("data-col"),
                cell.text_content().unwrap_or_default(),
                attr("class"),
                attr("aria-label"),
                attr("data-value"),
                attr("data-active"),
            ]
        })
        .collect()
}

/// Commits `text` into cell (`r`, `c`) of `grid`.
async fn edit_cell(root: &Element, grid: &str, r: usize, c: usize, text: &str) {
    let cell = one(
        root,
        &format!("[data-grid='{grid}'] [data-row='{r}'][data-col='{c}']"),
    );
    key(&cell, "Enter");
    yew::scheduler::flush().await;
    type_into_editor(root, text).await;
}

/// Edits, hovers and waits on a page opened with `extra` parameters, then
/// opens a fresh page in the state reached and asserts that every cell of
/// every grid reads the same on both. Returns the edited page.
async fn assert_edited_cells_match_fresh(extra: &str) -> Element {
    let input = "3,-1,2,0;1,4,-3,2;0,-2,5,1;2,1,-1,3";
    let before = format!("input={input}&kernel=1,-2,1;0,3,-1;2,1,-1&{extra}");
    let after = "input=3,-1,2,0;1,4,-3,2;0,-2,5,1;40,1,-1,3&kernel=1,-2,2.5;0,-4,-1;2,1,-1";
    let after = format!("{after}&{extra}");
    let hovered = "[data-grid='output'] [data-row='2'][data-col='3']";
    let edited = mount(&before).await;
    mouse(
        &one(&edited, "[data-grid='output'] [data-row='1'][data-col='1']"),
        "mouseover",
    );
    yew::scheduler::flush().await;
    edit_cell(&edited, "kernel", 1, 1, "-4").await;
    edit_cell(&edited, "kernel", 0, 2, "2.5").await;
    // A new largest input: every input cell changes shade, in rows that are
    // otherwise unchanged.
    edit_cell(&edited, "input", 3, 0, "40").await;
    mouse(&one(&edited, hovered), "mouseover");
    yew::scheduler::flush().await;
    settle().await;
    let fresh = mount(&after).await;
    mouse(&one(&fresh, hovered), "mouseover");
    yew::scheduler::flush().await;
    settle().await;
    assert_same_cells(&edited, &fresh, extra);
    edited
}

/// Waits until sections and rows far from the screen have caught up.
async fn settle() {
    sleep(convt::app::on_screen::CATCH_UP_MS as i32 + 200).await;
}

/// Asserts that every cell of every grid reads the same on both pages.
fn assert_same_cells(edited: &Element, fresh: &Element, what: &str) {
    let (edited, fresh) = (cells(edited), cells(fresh));
    assert_eq!(edited.len(), fresh.len(), "{what}");
    for (e, f) in edited.iter().zip(&fresh) {
        assert_eq!(e, f, "edited page (left) vs fresh page (right): {what}");
    }
}

/// Loads `query` into the mounted apps as back/forward does: pushes it into
/// the history and fires popstate.
async fn soft_navigate(query: &str) {
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")))
        .unwrap();
    window
        .dispatch_event(&Event::new("popstate").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn an_edited_page_reads_like_a_fresh_page_in_the_same_state() {
    // Grid rows and sections skip renders whose props did not change, and
    // far ones catch up later: whatever a page went through (edits of
    // values, shades and signs, hovers, the animation's current cell in a
    // row, padding cells beside rows, other columns), once it settles every
    // cell must read exactly as a fresh page in the same state renders it.
    let transposed = assert_edited_cells_match_fresh("step=6").await;
    assert!(
        cells(&transposed)
            .iter()
            .any(|c| c[0] == "input" && c[4] == "cell s1 neg current"),
        "the test needs the animation's current cell (x[1,2] = -3) shaded anew"
    );
    let padded = assert_edited_cells_match_fresh("op=conv2d&padding=1").await;
    assert!(
        !all(&padded, "[data-grid='input'] .pad").is_empty(),
        "the test needs padding cells beside the input's rows"
    );

    // An edit, then other columns: the original kernel and one more input
    // column, so many output cells go back to their first values.
    let edited = mount("input=3,-1;1,4&kernel=1,-2,1;0,3,-1;2,1,-1").await;
    edit_cell(&edited, "kernel", 1, 1, "-4").await;
    let wider = "input=3,-1,2;1,4,-3&kernel=1,-2,1;0,3,-1;2,1,-1";
    soft_navigate(wider).await;
    settle().await;
    let fresh = mount(wider).await;
    settle().await;
    assert_same_cells(&edited, &fresh, "an edit, then other columns");
}

#[wasm_bindgen_test]
async fn editing_a_kernel_value_updates_every_view() {
    let root = mount("").await;
    edit_cell(&root, "kernel", 1, 1, "-2").await;
    assert_eq!(grid(&root, "kernel")[1][1], "-2");
    // y[1,1] = 2·(−2) + 1·1 + 4·4 + 4·1 = 17
    assert_eq!(grid(&root, "output")[1][1], "17");
    // C and the product vector are far below: they catch up as soon as the
    // edits pause, without a frame of their own on the edit's path.
    sleep(convt::app::on_screen::CATCH_UP_MS as i32 + 150).await;
    assert!(one(&root, "[data-matrix='C']")
        .text_content()
        .unwrap()
        .contains("-2"));
    assert_eq!(grid(&root, "y-flat")[5][0], "17");
    // A section on screen follows on the same render as the grids.
    bring_into_view(&root, "[data-section='matrix']").await;
    edit_cell(&root, "kernel", 1, 1, "3").await;
    assert!(one(&root, "[data-matrix='C']")
        .text_content()
        .unwrap()
        .contains('3'));
    // y[1,1] = 2·3 + 1·1 + 4·4 + 4·1 = 27
    assert_eq!(grid(&root, "y-flat")[5][0], "27");
    // The URL follows (rate-limited writer: the latest state always lands).
    sleep(400).await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(search.contains("kernel=1,4,1;1,3,3;3,3,1"), "{search}");
}

#[wasm_bindgen_test]
async fn typing_starts_editing_and_bad_text_is_refused_with_a_message() {
    let root = mount("").await;
    let cell = one(&root, "[data-grid='input'] [data-row='0'][data-col='0']");
    key(&cell, "7");
    yew::scheduler::flush().await;
    let input: HtmlInputElement = one(&root, ".cell-editor").dyn_into().unwrap();
    assert_eq!(input.value(), "7");
    type_into_editor(&root, "1,5").await;
    assert_eq!(grid(&root, "input")[0][0], "2", "the old value stays");
    let alert = one(&root, "[role='alert']");
    assert!(
        alert.text_content().unwrap().contains("dot"),
        "{:?}",
        alert.text_content()
    );
    // Escape cancels an edit.
    key(
        &one(&root, "[data-grid='input'] [data-row='0'][data-col='0']"),
        "Enter",
    );
    yew::scheduler::flush().await;
    key(&one(&root, ".cell-editor"), "Escape");
    yew::scheduler::flush().await;
    assert!(root.query_selector(".cell-editor").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_cells() {
    let root = mount("").await;
    let first: HtmlElement = one(&root, "[data-grid='output'] [data-row='0'][data-col='0']")
        .dyn_into()
        .unwrap();
    first.focus().unwrap();
    key(&first, "ArrowRight");
    yew::scheduler::flush().await;
    key(&document().active_element().unwrap(), "ArrowDown");
    yew::scheduler::flush().await;
    let active = document().active_element().unwrap();
    assert_eq!(active.get_attribute("data-row").as_deref(), Some("1"));
    assert_eq!(active.get_attribute("data-col").as_deref(), Some("1"));
}

#[wasm_bindgen_test]
async fn hovering_links_every_view() {
    let root = mount("").await;
    // C and Cᵀ follow the hover on the same render while they are on screen.
    bring_into_view(&root, "[data-section='matrix']").await;
    // Output y[1,1] = 29 is reached by all four input cells, each through a different weight.
    mouse(
        &one(&root, "[data-grid='output'] [data-row='1'][data-col='1']"),
        "mouseover",
    );
    yew::scheduler::flush().await;
    assert_eq!(
        all(&root, "[data-grid='input'] [data-active='true']").len(),
        4
    );
    assert_eq!(
        all(&root, "[data-grid='kernel'] [data-active='true']").len(),
        4
    );
    assert_eq!(
        all(&root, "[data-matrix='CT'] td[data-active='true']").len(),
        4
    );
    // An input cell scatters into 9 output cells (3×3 kernel, all inside).
    mouse(
        &one(&root, "[data-grid='input'] [data-row='0'][data-col='0']"),
        "mouseover",
    );
    yew::scheduler::flush().await;
    assert_eq!(
        all(&root, "[data-grid='output'] [data-active='true']").len(),
        9
    );
    assert_eq!(
        all(&root, "[data-matrix='C'] td[data-active='true']").len(),
        9
    );
    // A kernel weight connects 4 input/output pairs.
    mouse(
        &one(&root, "[data-grid='kernel'] [data-row='0'][data-col='0']"),
        "mouseover",
    );
    yew::scheduler::flush().await;
    assert_eq!(
        all(&root, "[data-matrix='C'] td[data-active='true']").len(),
        4
    );
}

#[wasm_bindgen_test]
async fn invalid_url_parameters_take_defaults_with_a_message() {
    // The page fetches the Chinese strings (`app::translations`); here there
    // is no release build to fetch them from, so the test installs the file.
    convt::app::i18n::install_zh(include_str!("../static/strings-zh.txt")).unwrap();
    let root = mount("stride=0&input=1,2;3&lang=zh").await;
    assert_eq!(grid(&root, "input"), rows(&[&[2, 1], &[4, 4]]));
    let banner = one(&root, "[data-alert='url']");
    let text = banner.text_content().unwrap();
    assert!(text.contains("stride") && text.contains("input"), "{text}");
    assert!(
        text.contains("已使用默认值"),
        "the message is in Chinese: {text}"
    );
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh")
    );
}

#[wasm_bindgen_test]
async fn stepping_shows_partial_sums() {
    let root = mount("step=0").await;
    let player = one(&root, "[data-player]");
    assert_eq!(player.get_attribute("data-step").as_deref(), Some("0"));
    // After step 0 only x[0,0] = 2 has scattered: y[0,0] = 2, y[1,1] = 8, others 0.
    let out = grid(&root, "output");
    assert_eq!(
        (out[0][0].as_str(), out[1][1].as_str(), out[3][3].as_str()),
        ("2", "8", "0")
    );
    assert_eq!(
        all(&root, "[data-grid='output'] [data-active='true']").len(),
        9
    );
    let caption = one(&root, "[data-caption]").text_content().unwrap();
    assert!(
        caption.starts_with("x[0,0] = 2 adds 2·w[0,0] = 2 to y[0,0]"),
        "{caption}"
    );
}

/// The next number of a fixed-seed generator (Knuth's MMIX LCG): the
/// number tests below draw reproducible cases from it.
fn next_random(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed
}

/// In the browser `parse_value` reads numbers with JavaScript's `Number()`
/// (smaller wasm); it must agree with Rust's parser, bit for bit, on every
/// text that reaches it, and refuse what Rust refuses.
#[wasm_bindgen_test]
fn browser_number_parsing_agrees_with_rust() {
    use convt::app::value::parse_value;
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "+0",
        "1",
        "-1",
        "+7",
        ".5",
        "-.5",
        "5.",
        "1e3",
        "1E3",
        "1e+3",
        "1e-3",
        "-1.5e-7",
        "0.1",
        "0.2",
        "0.30000000000000004",
        "123456789",
        "999999999.9999999",
        "1000000000",
        "1000000001",
        "1e9",
        "1e10",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1e-400",
        "1e400",
        "00012",
        "1.2.3",
        "1e",
        "e5",
        ".",
        "-",
        "+",
        "--1",
        "+-1",
        "1e5.5",
        "1-2",
        "1e--3",
        ".e1",
        "0.1e-0",
        "7e0",
        "3.141592653589793238462643383279",
        "1.7976931348623157e308",
        "-9.999999999999999e8",
        "0.000000000000000000001",
        "12345678901234567890e-11",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Pseudo-random decimal strings (fixed seed): digits, dots, exponents.
    let mut seed = 0x2545_f491_u64;
    for _ in 0..5000 {
        let mut s = String::new();
        let len = 1 + (seed % 18) as usize;
        for _ in 0..len {
            let pick = (next_random(&mut seed) >> 33) % 16;
            s.push(match pick {
                0..=9 => char::from(b'0' + pick as u8),
                10 | 11 => '.',
                12 => 'e',
                13 => '-',
                14 => '+',
                _ => '5',
            });
        }
        texts.push(s);
    }
    let mut compared = 0;
    for text in &texts {
        let rust = text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= 1e9);
        let browser = parse_value(text).ok();
        assert_eq!(
            browser.map(f64::to_bits),
            rust.map(f64::to_bits),
            "{text:?}: browser {browser:?}, Rust {rust:?}"
        );
        compared += usize::from(rust.is_some());
    }
    assert!(
        compared > 500,
        "only {compared} texts parsed; the generator is too narrow"
    );
}

/// In the browser every float is printed from JavaScript's shortest digits
/// (the wasm carries no float printer). `plain` and `exponent` must print
/// what Rust's `{}` and `{:e}` print, but for one known difference: when two
/// shortest digit strings are exactly as close to the value, JavaScript ends
/// on the even digit and Rust rounds up — both then read back as the value
/// and are as long. `format_exact` must read back bit for bit.
#[wasm_bindgen_test]
fn browser_number_printing_agrees_with_rust() {
    use convt::app::value::{exponent, format_exact, parse_value, plain};
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -29.0,
        0.1 + 0.2,
        2.0 / 3.0,
        1e21,
        1e-7,
        1.5e-7,
        0.000001,
        123456.789,
        1200.0,
        1e9,
        -999999999.9999999,
        5e-324,
        2.2250738585072014e-308,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::EPSILON,
        9.996e6,
        0.25,
        4.0,
    ];
    // Pseudo-random values (fixed seed): any finite bit pattern, and
    // decimals of a few digits scaled by a power of ten, as cells hold.
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || next_random(&mut seed);
    for _ in 0..10_000 {
        let bits = f64::from_bits(next());
        if bits.is_finite() {
            values.push(bits);
        }
        let digits = (next() >> 40) as f64;
        let scale = 10f64.powi((next() >> 59) as i32 - 16);
        values.push(if next() & 1 == 0 {
            digits * scale
        } else {
            -digits * scale
        });
    }
    let same_value = |text: &str, v: f64| text.parse::<f64>().map(f64::to_bits) == Ok(v.to_bits());
    let mut ties = 0;
    for &v in &values {
        let (browser, rust) = (plain(v), format!("{v}"));
        let (browser_e, rust_e) = (exponent(v), format!("{v:e}"));
        if browser != rust || browser_e != rust_e {
            assert!(
                same_value(&browser, v)
                    && same_value(&browser_e, v)
                    && browser.len() == rust.len()
                    && browser_e.len() == rust_e.len(),
                "{v:e}: browser {browser} / {browser_e}, Rust {rust} / {rust_e}"
            );
            ties += 1;
        }
        if v.abs() <= 1e9 {
            assert_eq!(
                parse_value(&format_exact(v)).map(f64::to_bits),
                Ok(v.to_bits()),
                "{v:e}"
            );
        }
    }
    // Exact ties need a value whose shortest form has 17 digits and sits
    // halfway between two: a handful among the random bit patterns.
    assert!(
        ties * 100 < values.len(),
        "{ties} of {} values differ",
        values.len()
    );
}

/// On wasm32 the size formulas compute in `i64` (`math::params::Wide`), not
/// `i128` as natively, where the native tests cannot reach. At the values
/// where the two could part — 0, small, around 2³¹ and `usize::MAX` — they
/// agree with the formulas computed exactly in `i128` here.
#[wasm_bindgen_test]
fn size_formulas_agree_with_exact_arithmetic_at_the_extremes() {
    use convt::math::{
        conv2d_output_len, conv_input_lens, conv_transpose2d_output_len, output_padding_for,
    };
    const EDGES: [usize; 9] = [0, 1, 2, 3, 7, 1 << 16, (1 << 31) - 1, 1 << 31, usize::MAX];
    let wide = |v: usize| v as i128;
    let length = |v: i128| (v > 0).then(|| usize::try_from(v).unwrap_or(usize::MAX));
    let conv = |i: usize, k: usize, s: usize, p: usize, d: usize| {
        let numerator = wide(i) + 2 * wide(p) - wide(d) * (wide(k) - 1) - 1;
        (s != 0)
            .then(|| length(numerator.div_euclid(wide(s)) + 1))
            .flatten()
    };
    let smallest_transposed = |i: usize, k: usize, s: usize, p: usize, d: usize| {
        (wide(i) - 1) * wide(s) - 2 * wide(p) + wide(d) * (wide(k) - 1) + 1
    };
    let mut checked = 0;
    for i in EDGES {
        for k in EDGES {
            for s in EDGES {
                for p in EDGES {
                    for d in EDGES {
                        assert_eq!(
                            conv2d_output_len(i, k, s, p, d),
                            conv(i, k, s, p, d),
                            "conv2d_output_len({i}, {k}, {s}, {p}, {d})"
                        );
                        let base = smallest_transposed(i, k, s, p, d);
                        for op in EDGES {
                            assert_eq!(
                                conv_transpose2d_output_len(i, k, s, p, op, d),
                                length(base + wide(op)),
                                "conv_transpose2d_output_len({i}, {k}, {s}, {p}, {op}, {d})"
                            );
                            // Here `op` stands for the target length.
                            let target = op;
                            let expected = (target != 0 && s != 0 && d != 0 && i != 0 && k != 0)
                                .then(|| usize::try_from(wide(target) - base).ok())
                                .flatten()
                                .filter(|&o| {
                                    o < s.max(d) && length(base + wide(o)) == Some(target)
                                });
                            assert_eq!(
                                output_padding_for(target, i, k, s, p, d),
                                expected,
                                "output_padding_for({target}, {i}, {k}, {s}, {p}, {d})"
                            );
                            checked += 2;
                        }
                        // Strides beyond the cap give no lengths at all; the
                        // small ones are searched.
                        if (1..=7).contains(&s) {
                            let o = i;
                            let lo =
                                (wide(o) - 1) * wide(s) - 2 * wide(p) + wide(d) * (wide(k) - 1) + 1;
                            let expected: Vec<usize> = (0..wide(s))
                                .filter_map(|r| usize::try_from(lo + r).ok())
                                .filter(|&len| len >= 1 && conv(len, k, s, p, d) == Some(o))
                                .collect();
                            let expected = if o == 0 { Vec::new() } else { expected };
                            assert_eq!(
                                conv_input_lens(o, k, s, p, d),
                                expected,
                                "conv_input_lens({o}, {k}, {s}, {p}, {d})"
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 9 * 9 * 9 * 9 * 9 * 19);
}

mod effect_on {
    //! `use_effect_on` and `use_effect_always` (src/app/hooks.rs) behave as
    //! Yew's `use_effect_with` and `use_effect`.
    use std::cell::RefCell;

    use convt::app::hooks::{use_effect_always, use_effect_on};
    use wasm_bindgen_test::wasm_bindgen_test;
    use yew::prelude::*;

    thread_local! {
        static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    fn log(entry: String) {
        LOG.with(|l| l.borrow_mut().push(entry));
    }

    fn take_log() -> Vec<String> {
        LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
    }

    #[derive(Properties, PartialEq, Clone)]
    struct Props {
        deps: (u32, String),
        other: u32,
    }

    #[component]
    fn Probe(props: &Props) -> Html {
        use_effect_on(props.deps.clone(), |(n, s)| {
            log(format!("run {n} {s}"));
            let (n, s) = (*n, s.clone());
            move || log(format!("undo {n} {s}"))
        });
        use_effect_on((), |_| log("once".to_string()));
        use_effect_always(|| {
            log("every".to_string());
            || log("undo every".to_string())
        });
        html! { <p>{ props.other }</p> }
    }

    #[wasm_bindgen_test]
    async fn runs_when_its_dependencies_change_and_undoes_before_the_next_run() {
        take_log();
        let root = super::fresh_root();
        let props = |n: u32, s: &str, other: u32| Props {
            deps: (n, s.to_string()),
            other,
        };
        let mut app =
            yew::Renderer::<Probe>::with_root_and_props(root.clone(), props(1, "a", 0)).render();
        yew::scheduler::flush().await;
        assert_eq!(
            take_log(),
            ["run 1 a", "once", "every"],
            "after the first render"
        );

        // Another prop, the same dependencies (a new but equal String): no run.
        app.update(props(1, "a", 1));
        yew::scheduler::flush().await;
        assert_eq!(
            root.text_content().unwrap(),
            "1",
            "the component rendered again"
        );
        assert_eq!(take_log(), ["undo every", "every"], "equal dependencies");

        app.update(props(1, "b", 1));
        yew::scheduler::flush().await;
        assert_eq!(
            take_log(),
            ["undo 1 a", "run 1 b", "undo every", "every"],
            "a changed dependency"
        );

        app.update(props(2, "b", 2));
        yew::scheduler::flush().await;
        assert_eq!(take_log(), ["undo 1 b", "run 2 b", "undo every", "every"]);

        app.destroy();
        yew::scheduler::flush().await;
        assert_eq!(
            take_log(),
            ["undo 2 b", "undo every"],
            "undone when the component goes"
        );
        root.remove();
    }
}

mod local_state {
    //! `use_local_state` (src/app/hooks.rs) behaves as Yew's `use_state`.
    use std::cell::RefCell;

    use convt::app::hooks::{use_local_state, LocalState};
    use wasm_bindgen_test::wasm_bindgen_test;
    use yew::prelude::*;

    thread_local! {
        static HANDLES: RefCell<Vec<LocalState<u32>>> = const { RefCell::new(Vec::new()) };
        static RENDERS: RefCell<u32> = const { RefCell::new(0) };
    }

    #[component]
    fn Counter() -> Html {
        let count = use_local_state(|| 7_u32);
        let other = use_local_state(String::new);
        RENDERS.with(|r| *r.borrow_mut() += 1);
        HANDLES.with(|h| h.borrow_mut().push(count.clone()));
        html! { <p>{ format!("{}{}", *count, *other) }</p> }
    }

    #[wasm_bindgen_test]
    async fn keeps_its_value_across_renders_and_set_renders_again() {
        let root = super::fresh_root();
        let app = yew::Renderer::<Counter>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        assert_eq!(root.text_content().unwrap(), "7", "starts as init()");
        let first = HANDLES.with(|h| h.borrow().last().unwrap().clone());

        first.set(8);
        yew::scheduler::flush().await;
        assert_eq!(
            root.text_content().unwrap(),
            "8",
            "set renders the new value"
        );
        // A handle keeps the value of the render it was made in.
        assert_eq!(*first, 7);
        let second = HANDLES.with(|h| h.borrow().last().unwrap().clone());
        assert_eq!(*second, 8);

        // Setting an equal value still renders again, as use_state does.
        let renders = RENDERS.with(|r| *r.borrow());
        second.set(8);
        yew::scheduler::flush().await;
        assert_eq!(RENDERS.with(|r| *r.borrow()), renders + 1);
        assert_eq!(root.text_content().unwrap(), "8");

        app.destroy();
        yew::scheduler::flush().await;
        root.remove();
    }
}

mod memo_and_element_ref {
    //! `use_memo_on` and `use_element_ref` (src/app/hooks.rs) behave as Yew's
    //! `use_memo` and `use_node_ref`.
    use std::cell::RefCell;

    use convt::app::hooks::{use_element_ref, use_memo_on};
    use wasm_bindgen_test::wasm_bindgen_test;
    use yew::prelude::*;

    thread_local! {
        static COMPUTED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        static REFS: RefCell<Vec<NodeRef>> = const { RefCell::new(Vec::new()) };
    }

    #[derive(Properties, PartialEq, Clone)]
    struct Props {
        n: u32,
        label: &'static str,
    }

    #[component]
    fn Doubler(props: &Props) -> Html {
        let doubled = use_memo_on(props.n, |n| {
            COMPUTED.with(|c| c.borrow_mut().push(*n));
            n * 2
        });
        let node = use_element_ref();
        REFS.with(|r| r.borrow_mut().push(node.clone()));
        html! { <p ref={node}>{ format!("{} {}", props.label, *doubled) }</p> }
    }

    #[wasm_bindgen_test]
    async fn computes_again_only_for_new_dependencies_and_keeps_the_reference() {
        let root = super::fresh_root();
        let mut app =
            yew::Renderer::<Doubler>::with_root_and_props(root.clone(), Props { n: 2, label: "a" })
                .render();
        yew::scheduler::flush().await;
        app.update(Props { n: 2, label: "b" });
        yew::scheduler::flush().await;
        assert_eq!(root.text_content().unwrap(), "b 4");
        app.update(Props { n: 5, label: "b" });
        yew::scheduler::flush().await;
        assert_eq!(root.text_content().unwrap(), "b 10");
        assert_eq!(
            COMPUTED.with(|c| c.borrow().clone()),
            [2, 5],
            "computed for 2, then 5"
        );

        let refs = REFS.with(|r| r.borrow().clone());
        assert_eq!(refs.len(), 3);
        assert!(
            refs.iter().all(|r| *r == refs[0]),
            "the same reference at every render"
        );
        let p = refs[0]
            .cast::<web_sys::Element>()
            .expect("bound to the <p>");
        assert_eq!(p.tag_name(), "P");
        app.destroy();
        yew::scheduler::flush().await;
        root.remove();
    }
}

mod promise {
    //! `when_settled` (src/app/promise.rs): a promise's outcome, by callback.
    use std::cell::RefCell;
    use std::rc::Rc;

    use convt::app::promise::when_settled;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn reports_a_value_or_a_rejection_once() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let record = |label: &'static str| {
            let seen = Rc::clone(&seen);
            Box::new(move |outcome: Result<JsValue, JsValue>| {
                let text = match outcome {
                    Ok(v) => format!("{label} ok {}", v.as_f64().unwrap_or(f64::NAN)),
                    Err(e) => format!("{label} err {}", e.as_string().unwrap_or_default()),
                };
                seen.borrow_mut().push(text);
            }) as Box<dyn FnOnce(Result<JsValue, JsValue>)>
        };
        when_settled(
            &js_sys::Promise::resolve(&JsValue::from(3)),
            record("resolved"),
        );
        when_settled(
            &js_sys::Promise::reject(&JsValue::from("no")),
            record("rejected"),
        );
        // Settled later, by a timer.
        let later = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_1(
                    &resolve,
                    20,
                    &JsValue::from(5),
                )
                .unwrap();
        });
        when_settled(&later, record("later"));
        assert!(seen.borrow().is_empty(), "never synchronously");
        super::sleep(60).await;
        assert_eq!(
            *seen.borrow(),
            ["resolved ok 3", "rejected err no", "later ok 5"]
        );
    }
}
