/// Charts drawn as inline SVG at build time: no script, no library, they print and work offline.
enum Charts {
    static func esc(_ s: String) -> String { HTML.escape(s) }

    /// Horizontal bars, one per item, coloured by severity class.
    static func bars(_ items: [(label: String, value: Int, severity: String)], title: String) -> String {
        guard !items.isEmpty else { return "" }
        let rowHeight = 26, labelWidth = 190, barWidth = 320, width = labelWidth + barWidth + 50
        let height = items.count * rowHeight + 10
        let maxValue = max(1, items.map(\.value).max() ?? 1)
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(esc(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(esc(title))</title>"
        for (n, item) in items.enumerated() {
            let y = 5 + n * rowHeight
            let w = max(2, item.value * barWidth / maxValue)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"chart-label\">\(esc(item.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" rx=\"3\" class=\"bar sev-\(esc(item.severity))\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 17)\" class=\"chart-value\">\(item.value)</text>"
        }
        return svg + "</svg>"
    }

    /// Grouped horizontal bars of percentages: one group per area, one bar per series.
    static func coverageByArea(_ groups: [(label: String, values: [Int])], series: [String], title: String) -> String {
        guard !groups.isEmpty else { return "" }
        let barHeight = 12, gap = 14, labelWidth = 130, barWidth = 300
        // Legend entries are laid out in one row; the chart widens to hold them (about 7.5 px a character).
        let legendWidth = series.reduce(0) { $0 + 16 + $1.count * 15 / 2 + 14 }
        let width = max(labelWidth + barWidth + 60, labelWidth + legendWidth)
        let groupHeight = series.count * (barHeight + 2) + gap
        let legendHeight = 24
        let height = legendHeight + groups.count * groupHeight + 6
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(esc(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(esc(title))</title>"
        var x = labelWidth
        for (k, name) in series.enumerated() {
            svg += "<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"12\" class=\"series-\(k)\"/><text x=\"\(x + 16)\" y=\"14\" class=\"chart-label\">\(esc(name))</text>"
            x += 16 + name.count * 15 / 2 + 14
        }
        for (n, group) in groups.enumerated() {
            let top = legendHeight + n * groupHeight
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(top + series.count * (barHeight + 2) / 2 + 4)\" text-anchor=\"end\" class=\"chart-label\">\(esc(group.label))</text>"
            for (k, value) in group.values.enumerated() {
                let y = top + k * (barHeight + 2)
                let w = max(1, min(100, value) * barWidth / 100)
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" class=\"track\"/>"
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" class=\"series-\(k)\"><title>\(esc(series[k])): \(value)%</title></rect>"
                svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + barHeight - 2)\" class=\"chart-value\">\(value)%</text>"
            }
        }
        return svg + "</svg>"
    }
}
