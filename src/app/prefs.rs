//! View preferences that are not part of the problem: language, theme and
//! the embed options a course page can set in the URL.

use super::i18n::Lang;
use crate::math::Resize;

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// URL / attribute word.
    pub fn word(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses a URL word.
    pub fn from_word(w: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.word() == w)
    }
}

/// Which part of the page an embed shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Section {
    /// Everything.
    #[default]
    All,
    /// Input, kernel, output and the player.
    Grids,
    /// The matrix form C / Cᵀ.
    Matrix,
    /// The three equivalent computations.
    Equivalence,
    /// Checkerboard artifacts.
    Checkerboard,
    /// The adjoint, output_padding and generated code.
    Extras,
}

impl Section {
    /// Every section, in URL order.
    pub const ALL: [Section; 6] = [
        Section::All,
        Section::Grids,
        Section::Matrix,
        Section::Equivalence,
        Section::Checkerboard,
        Section::Extras,
    ];

    /// URL word.
    pub fn word(self) -> &'static str {
        match self {
            Section::All => "all",
            Section::Grids => "grids",
            Section::Matrix => "matrix",
            Section::Equivalence => "equivalence",
            Section::Checkerboard => "checkerboard",
            Section::Extras => "extras",
        }
    }

    /// Parses a URL word.
    pub fn from_word(w: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.word() == w)
    }

    /// Whether `part` is shown under this choice.
    pub fn shows(self, part: Section) -> bool {
        self == Section::All || self == part
    }
}

/// How the animation steps through a transposed convolution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Stepping {
    /// One step per input cell scattering the scaled kernel (convolution:
    /// one step per output cell gathering its window).
    #[default]
    Direct,
    /// One step per output cell: the 180°-rotated kernel slides over the
    /// zero-inserted, padded input (transposed convolution only).
    ZeroInsertion,
}

impl Stepping {
    /// URL word.
    pub fn word(self) -> &'static str {
        match self {
            Stepping::Direct => "direct",
            Stepping::ZeroInsertion => "zero-insertion",
        }
    }

    /// Parses a URL word.
    pub fn from_word(w: &str) -> Option<Stepping> {
        [Stepping::Direct, Stepping::ZeroInsertion]
            .into_iter()
            .find(|s| s.word() == w)
    }
}

/// View preferences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// Colour theme.
    pub theme: Theme,
    /// Compact layout without page chrome, for iframes.
    pub embed: bool,
    /// Which section to show.
    pub section: Section,
    /// Values not editable (the player still works).
    pub readonly: bool,
    /// No Operation and Parameters boxes (`controls=0`): an embed that
    /// shows one fixed example.
    pub hide_controls: bool,
    /// Start playing on load.
    pub autoplay: bool,
    /// Stepping mode of the animation.
    pub stepping: Stepping,
    /// Interpolation of the checkerboard section's resize-then-convolve.
    pub resize: Resize,
}

/// URL word of a resize mode (PyTorch's `F.interpolate` mode name).
pub fn resize_word(r: Resize) -> &'static str {
    match r {
        Resize::Nearest => "nearest",
        Resize::Bilinear => "bilinear",
    }
}

/// Parses a resize mode's URL word.
pub fn resize_from_word(w: &str) -> Option<Resize> {
    [Resize::Nearest, Resize::Bilinear]
        .into_iter()
        .find(|r| resize_word(*r) == w)
}
