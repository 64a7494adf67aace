//! A crate that generates Graph types at build time with `graphdoc::Builder` and uses them.

mod graph {
    #![allow(dead_code)]
    include!(concat!(env!("OUT_DIR"), "/msgraph.rs"));
}

use graph::{RecordOperation, RecordOperationCompletionReason};
use graphdoc_runtime::Object as _;

fn main() {
    let json = r##"{"@odata.type":"#microsoft.graph.recordOperation","id":"1","status":"running","completionReason":"stopToneDetected"}"##;
    let op: RecordOperation = match serde_json::from_str(json) {
        Ok(op) => op,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    assert_eq!(
        op.completion_reason,
        Some(RecordOperationCompletionReason::StopToneDetected)
    );
    println!("{op:?}");
    // A PATCH body that clears one property.
    let mut patch = RecordOperation::default();
    patch.set_null(RecordOperation::RECORDING_LOCATION);
    println!("{}", serde_json::to_string(&patch).unwrap_or_default());
}
