/// The library's version.
public enum RadiographVersion {
    public static let current = "0.1.0"
}
