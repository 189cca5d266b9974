/// Fails the fuzz run with `message` when an invariant of the code under test does not hold:
/// the trap is what libFuzzer reports as a crash, and the message says which invariant broke.
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    guard !condition() else { return }
    fatalError("fuzz invariant failed: \(message())", file: file, line: line)
}
