// The media port's receive path: RFC 7983 demultiplexing, then SRTP/SRTCP unprotect (RFC 3711,
// RFC 7714) with libsrtp under a key taken from the input, then the RTP/RTCP or STUN parsers.
import FuzzSupport
import RTCTransport

/// The input is: one selector byte (bit 0: the profile), the master key and salt, then one datagram.
/// The datagram is classified and handed to what would receive it. Whatever protects under the
/// key must unprotect to the same bytes, and the same packet with one byte changed must not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = input.byte()
    let profile: SRTPProfile = selector & 1 == 0 ? .aeadAES128GCM : .aesCM128HMACSHA1_80
    let keyMaterial = SRTPKeyMaterial(
        masterKey: padded(input.bytes(profile.masterKeyLength), to: profile.masterKeyLength),
        masterSalt: padded(input.bytes(profile.masterSaltLength), to: profile.masterSaltLength))
    let tamperAt = Int(input.byte())
    let datagram = input.rest()

    switch DatagramKind(classifying: datagram) {
    case .stun:
        _ = try? STUNMessage(decoding: datagram)
    case .rtp:
        receive(datagram, rtcp: false, profile: profile, keyMaterial: keyMaterial)
        roundTrip(datagram, rtcp: false, profile: profile, keyMaterial: keyMaterial, tamperAt: tamperAt)
    case .rtcp:
        receive(datagram, rtcp: true, profile: profile, keyMaterial: keyMaterial)
        roundTrip(datagram, rtcp: true, profile: profile, keyMaterial: keyMaterial, tamperAt: tamperAt)
    case .dtls, .unknown:
        break
    }
    return 0
}

/// What the server does with a received (S)RTP or (S)RTCP datagram: unprotect, then parse.
private func receive(_ datagram: [UInt8], rtcp: Bool, profile: SRTPProfile, keyMaterial: SRTPKeyMaterial) {
    guard let inbound = try? SRTPContext(profile: profile, direction: .inbound, keyMaterial: keyMaterial) else {
        fuzzCheck(false, "a context with keys of the right lengths was refused")
        return
    }
    var packet = datagram
    if rtcp {
        guard (try? inbound.unprotectRTCP(&packet)) != nil else { return }
        _ = try? CompoundPacket(parsing: packet)
    } else {
        guard (try? inbound.unprotectRTP(&packet)) != nil else { return }
        _ = try? RTPPacket(parsing: packet)
    }
}

/// Protects the datagram as if it were the plain packet, then unprotects it with a fresh inbound
/// context: it must come back unchanged, and with the byte at `tamperAt` flipped it must be refused.
private func roundTrip(
    _ plain: [UInt8], rtcp: Bool, profile: SRTPProfile, keyMaterial: SRTPKeyMaterial, tamperAt: Int
) {
    guard let outbound = try? SRTPContext(profile: profile, direction: .outbound, keyMaterial: keyMaterial),
        let inbound = try? SRTPContext(profile: profile, direction: .inbound, keyMaterial: keyMaterial),
        let tamperedInbound = try? SRTPContext(profile: profile, direction: .inbound, keyMaterial: keyMaterial)
    else {
        fuzzCheck(false, "a context with keys of the right lengths was refused")
        return
    }
    var packet = plain
    do {
        if rtcp { try outbound.protectRTCP(&packet) } else { try outbound.protectRTP(&packet) }
    } catch {
        return  // libsrtp refuses headers that point past the packet
    }
    fuzzCheck(packet.count > plain.count, "protecting added no tag")
    var tampered = packet
    tampered[tamperAt % tampered.count] ^= 0x01
    do {
        if rtcp { try inbound.unprotectRTCP(&packet) } else { try inbound.unprotectRTP(&packet) }
    } catch {
        fuzzCheck(false, "a packet protected under the same key does not unprotect: \(error)")
        return
    }
    fuzzCheck(packet == plain, "unprotect(protect(p)) != p")
    let accepted = (try? rtcp ? tamperedInbound.unprotectRTCP(&tampered) : tamperedInbound.unprotectRTP(&tampered)) != nil
    fuzzCheck(!accepted, "a packet with byte \(tamperAt % (tampered.count)) flipped was accepted")
}

/// `bytes` extended with zeros to `length`.
private func padded(_ bytes: [UInt8], to length: Int) -> [UInt8] {
    bytes + [UInt8](repeating: 0, count: length - bytes.count)
}

/// The entry SwiftPM's debug link points `main` at; hands over to libFuzzer.
@_cdecl("FuzzSRTP_main")
func fuzzerMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzz)
}
