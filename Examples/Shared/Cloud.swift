import RTCEngine

/// A new independent cloud for the member `name`, with a ``CallbackPrinter`` attached as its delegate.
public func makeCloud(_ name: String) -> (TRTCCloud, CallbackPrinter) {
    let cloud = TRTCCloud()
    let printer = CallbackPrinter(name: name)
    printer.attach(to: cloud)
    return (cloud, printer)
}
