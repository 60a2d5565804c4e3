/// A plain-text table whose cells may span several lines. Columns are separated by two spaces, the
/// header is underlined with dashes, the last column is not padded and no line has trailing blanks.
struct PolicySummaryTextTable {
    var header: [String]
    var rows: [[[String]]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func append(_ cells: [[String]]) {
        rows.append(cells)
    }

    func render(indent: String = "  ") -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.map(\.count).max() ?? 0)
            }
        }
        // The last column is not padded, so its underline only spans the heading.
        var rules = widths.map { String(repeating: "-", count: $0) }
        if let last = header.last { rules[rules.count - 1] = String(repeating: "-", count: last.count) }
        var lines = [line(header, widths, indent), line(rules, widths, indent)]
        for row in rows {
            let height = row.map(\.count).max() ?? 0
            for k in 0..<height {
                lines.append(line(row.map { k < $0.count ? $0[k] : "" }, widths, indent))
            }
        }
        return lines
    }

    private func line(_ cells: [String], _ widths: [Int], _ indent: String) -> String {
        var text = indent
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "  " }
            text += cell
            if i < cells.count - 1, i < widths.count {
                text += String(repeating: " ", count: max(0, widths[i] - cell.count))
            }
        }
        while text.last == " " { text.removeLast() }
        return text
    }
}
