//! Constructs real docs sets have beyond the v1.0 corpus, read by their structure
//! (`fixtures/constructs`): a bold-only row heading a group of rows, a note after the type
//! (`String, maximum size 250`), a remark after the name (`backupReviewers (deprecated)`),
//! footnote marks on names and types (`size*`, `Double<sup>1</sup>`), and an enum named only by
//! an example's property annotation (`defaultPriceType@odata.type`).

use std::path::PathBuf;

use graphdoc::diag::Severity;

#[test]
fn constructs_beyond_the_corpus_are_read_by_structure() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/constructs");
    let analysis = graphdoc::analyze(&[dir]);
    let widget = analysis
        .built
        .schema
        .get("microsoft.graph.widget")
        .expect("widget");
    let props: Vec<(&str, &str, bool)> = widget
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.element.qualified(), p.ty.collection))
        .collect();
    assert_eq!(
        props,
        [
            ("id", "Edm.String", false),
            ("displayName", "Edm.String", false),
            ("backupReviewers", "Edm.String", true),
            ("size", "Edm.Int32", false),
            ("weight", "Edm.Double", false),
            ("extensions", "microsoft.graph.extension", true),
            (
                "defaultPriceType",
                "microsoft.graph.bookingPriceType",
                false
            ),
        ]
    );
    let price = analysis
        .built
        .schema
        .get("microsoft.graph.bookingPriceType")
        .expect("the enum the example annotation names");
    let members: Vec<&str> = price.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["undefined", "fixedPrice", "startingAt"]);
    // The group row and the footnotes are read without complaint: no warning names a row.
    let warnings: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        warnings,
        ["widget.md:33:1: warning[placeholder]: example value `\"String\"` of `defaultPriceType` is a placeholder, not a member of `microsoft.graph.bookingPriceType`"]
    );
}
