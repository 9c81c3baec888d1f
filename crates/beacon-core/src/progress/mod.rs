//! What Beacon remembers about a learner: the progress model, spaced review and the final
//! assessment. Where it is kept is [`crate::data`]'s business.

mod answer_log;
pub mod assessment;
mod memory;
mod model;
pub mod next;
pub mod past;
pub mod review;

pub use memory::{FactMemory, MAXIMUM_INTERVAL, Rating, Scheduler, fast_seconds, retrievability};
pub use model::*;
pub use next::{NextStep, next_step};
