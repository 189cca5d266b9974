import Foundation

/// The command line every example accepts:
/// `[--server ws://HOST:PORT/rtc/v1 --app SDKAPPID:SECRETKEY [--api-key SECRETID:SECRETKEY]
/// [--user-timeout SECONDS] [--allow-user USERID]…]`, plus options an example names itself.
public struct ExampleArguments: Sendable {
    /// The options common to every example, each followed by a value.
    public static let common = ["--server", "--app", "--api-key", "--user-timeout", "--allow-user"]

    private var values: [(name: String, value: String)] = []

    /// Parses `arguments` (without the program name); fails with the usage on an unknown or incomplete option.
    public init(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()), extra: [String] = []) {
        let known = Self.common + extra
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard known.contains(name) else { fail("unknown argument \"\(name)\"\n\(Self.usage(extra: extra))") }
            guard index + 1 < arguments.count else { fail("\(name) needs a value\n\(Self.usage(extra: extra))") }
            values.append((name, arguments[index + 1]))
            index += 2
        }
    }

    /// The last value given for `name`, if any.
    public func value(_ name: String) -> String? {
        values.last { $0.name == name }?.value
    }

    /// Every value given for `name`, in order.
    public func all(_ name: String) -> [String] {
        values.filter { $0.name == name }.map(\.value)
    }

    /// How to call an example.
    public static func usage(extra: [String] = []) -> String {
        let program = URL(fileURLWithPath: CommandLine.arguments.first ?? "example").lastPathComponent
        return """
            usage: \(program) [--server ws://HOST:PORT/rtc/v1 --app SDKAPPID:SECRETKEY [--api-key SECRETID:SECRETKEY]
                   [--user-timeout SECONDS] [--allow-user USERID]...]\(extra.map { " [\($0) VALUE]" }.joined())
            Without --server, the example starts its own room server on 127.0.0.1 with a generated app and API key.
            """
    }
}
