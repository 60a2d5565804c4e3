/// How AWS measures a policy against its size quotas: characters other than white space.
public enum PolicySize {
    public static func nonWhitespaceCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            count += 1
        }
        return count
    }
}
