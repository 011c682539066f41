// grader/Reports/HTMLText.swift -- the reports' HTML escaping, for pages outside this module.
//
// Other pages (the similarity check's) quote student text too; they must
// escape it exactly as the class overview does, so they call this.

/// HTML escaping of untrusted text, shared by every HTML page.
public enum HTMLText {
    /// `text` sanitised (ReportText.sanitize) and escaped for element
    /// content and quoted attributes.
    public static func escape(_ text: String) -> String {
        HTMLOverview.escape(text)
    }
}
