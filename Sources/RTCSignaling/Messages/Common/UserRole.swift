/// A member's role (`TRTCRoleType`): anchors may publish; in live scenes only anchors are visible.
public enum UserRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// May publish (`TRTCRoleAnchor`, 20).
    case anchor
    /// Receives only (`TRTCRoleAudience`, 21).
    case audience

    /// TRTC's numeric value of the role.
    public var trtcValue: Int {
        switch self {
        case .anchor: 20
        case .audience: 21
        }
    }

    /// The role with TRTC's numeric value; nil for any other value.
    public init?(trtcValue: Int) {
        switch trtcValue {
        case 20: self = .anchor
        case 21: self = .audience
        default: return nil
        }
    }
}
