//! libya-news: actors, places, dates and CAMEO-coded events from Arabic news about Libya.
//!
//! Stages, one module each: [`corpus`] (walk, decode), [`normalize`], [`segment`], [`rules`]
//! (tables → engine), [`extract`] (actors, places, dates, events), [`report`] (wire types and
//! writers); [`scan`] runs them in order and [`cli`] is the command line.

pub mod cache;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod diff;
pub mod explain;
pub mod html_report;
pub mod extract;
pub mod normalize;
pub mod progress;
pub mod report;
pub mod rules;
mod rules_cli;
pub mod scan;
pub mod segment;
pub mod summarize;
