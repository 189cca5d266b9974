// WAV reading (RIFF/WAVE, 16-bit PCM): rtc-client and the examples play files users hand them.
import FuzzSupport
import RTCAudio

/// Reads the input as a WAV file; what reads must be whole frames, and its canonical encoding must
/// read back to the same audio.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? WAVFile(bytes: bytes) else { return 0 }
    fuzzCheck(file.channels == 1 || file.channels == 2, "\(file.channels) channels")
    fuzzCheck(file.samples.count % file.channels == 0, "samples are not whole frames")
    fuzzCheck(file.samples.count * 2 <= size, "more samples than bytes")
    let encoded: [UInt8]
    do {
        encoded = try file.encoded()
    } catch {
        fuzzCheck(false, "a read file does not encode: \(error)")
        return 0
    }
    do {
        let again = try WAVFile(bytes: encoded)
        fuzzCheck(again == file, "round trip changed the audio")
    } catch {
        fuzzCheck(false, "an encoded file does not read: \(error)")
    }
    return 0
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzWAV_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
