use std::rc::Rc;

/// Called when a reader activates a story link, with the story's 1-based position.
pub type OnSelect = Rc<dyn Fn(&web_sys::MouseEvent, usize)>;

/// What the reader's clicks do; each closure belongs to one widget.
#[derive(Clone)]
pub struct Actions {
    /// A story link was activated: the event and the story's 1-based position.
    pub select: OnSelect,
    /// The error message's "Try again".
    pub retry: Option<Rc<dyn Fn()>>,
    /// A section chip was pressed (`None` for "All").
    pub chip: Rc<dyn Fn(Option<String>)>,
}
