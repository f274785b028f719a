//! The story as read from either kind of file, before anything is mapped: what the Twee and
//! HTML readers produce, and all the builder needs.

use crate::source::Mapped;

/// A story as written in Twine.
#[derive(Debug, Default)]
pub(crate) struct Story {
    /// The title (`StoryTitle`, or `<tw-storydata name>`), with where it is.
    pub title: Option<(String, usize)>,
    /// The IFID, when given (kept in a comment).
    pub ifid: Option<String>,
    /// The story format's name and version, when given.
    pub format: Option<String>,
    /// The story format's version, when given.
    pub format_version: Option<String>,
    /// Where the story starts, as the file says it.
    pub start: Option<Start>,
    /// Every passage, in file order (special ones included).
    pub passages: Vec<Passage>,
}

/// How a file names its start passage.
#[derive(Debug)]
pub(crate) enum Start {
    /// By name (Twee's `StoryData` `start`), at this offset.
    Name(String, usize),
    /// By passage id (HTML's `startnode`), at this offset.
    Pid(String, usize),
}

/// One passage.
#[derive(Debug)]
pub(crate) struct Passage {
    /// The name (decoded), and where it is in the source.
    pub name: String,
    /// Where the name is (or the header, when the name is empty).
    pub name_at: usize,
    /// The tags, each with where it is.
    pub tags: Vec<(String, usize)>,
    /// HTML's `pid`, when given.
    pub pid: Option<String>,
    /// The passage text, decoded, mapped to the source.
    pub text: Mapped,
}

impl Passage {
    /// Whether the passage has this tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|(t, _)| t == tag)
    }
}

/// The story formats whose markup the scan knows apart. Markup common to several (links,
/// HTML, `$variables`) is looked for whatever the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StoryFormat {
    Harlowe,
    SugarCube,
    Chapbook,
    Snowman,
    /// Not named, or another format: every kind of markup is looked for.
    Unknown,
}

impl StoryFormat {
    /// The format a story names (case-insensitive), or [`StoryFormat::Unknown`].
    pub fn of(name: Option<&str>) -> StoryFormat {
        let name = name.unwrap_or("").trim().to_ascii_lowercase();
        match name.as_str() {
            "harlowe" => StoryFormat::Harlowe,
            "sugarcube" => StoryFormat::SugarCube,
            "chapbook" => StoryFormat::Chapbook,
            "snowman" => StoryFormat::Snowman,
            _ => StoryFormat::Unknown,
        }
    }
}
