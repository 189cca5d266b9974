/// RTCP byte fixtures.
enum RTCPFixtures {
    /// A compound captured from a browser (as in pion/rtcp's tests): RR with one block, SDES
    /// CNAME, BYE, PLI, an RTPFB FMT 5 (rapid resynchronisation, not decoded here) and APP.
    static let browserCompound = PacketFixtures.bytes(hex: """
        81 c9 00 07 90 2f 9e 2e bc 5e 9a 40 00 00 00 00 00 00 46 e1 00 00 01 11 09 f3 64 32 00 02 4a 79
        81 ca 00 0c 90 2f 9e 2e 01 26 7b 39 63 30 30 65 62 39 32 2d 31 61 66 62 2d 39 64 34 39 2d
        61 34 37 64 2d 39 31 66 36 34 65 65 65 36 39 66 35 7d 00 00 00 00
        81 cb 00 01 90 2f 9e 2e
        81 ce 00 02 90 2f 9e 2e 90 2f 9e 2e
        85 cd 00 02 90 2f 9e 2e 90 2f 9e 2e
        80 cc 00 03 4b aa e1 ab 4e 41 4d 45 41 42 43 44
        """)
}
