/// A subprocess that did not do what a test needed, with its output.
package struct ProcessFailure: Error, CustomStringConvertible {
    /// What went wrong, and what the process printed.
    package var description: String

    /// A failure described by `description`.
    package init(description: String) {
        self.description = description
    }
}
