// grader/Reports/ScoreChart.swift -- the class's score distribution as inline SVG.
//
// A teacher's first question about a batch is "how did the class do?". A
// histogram answers it at a glance: ten bars, one per tenth of the maximum
// score, each labelled with its count. It is plain SVG inside the HTML page,
// so it needs no script, no font file and no network.

/// Submissions counted by score, in ten buckets of ten percent.
struct ScoreHistogram: Equatable {
    /// `counts[i]` submissions scored from `10 * i` % up to (not including)
    /// `10 * (i + 1)` %; full marks fall in the last bucket.
    var counts: [Int]

    /// Buckets the scores `(score, maxScore)` pairs; a maximum of 0 counts as 0 %.
    init(_ scores: [(score: Double, maxScore: Double)]) {
        var counts = Array(repeating: 0, count: 10)
        for (score, maxScore) in scores {
            let fraction = maxScore > 0 ? min(max(score / maxScore, 0), 1) : 0
            counts[min(Int(fraction * 10), 9)] += 1
        }
        self.counts = counts
    }

    /// The chart: bars, counts above them, percentage labels below.
    func svg() -> String {
        // 1. Scale: the tallest bar fills the plot area.
        let width = 560, height = 220, plotTop = 24, plotBottom = 190, slot = 52, left = 20
        let tallest = max(counts.max() ?? 0, 1)
        let total = counts.reduce(0, +)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-labelledby=\"chart-title\">",
            "<title id=\"chart-title\">Score distribution of \(total) submissions</title>",
            "<line class=\"axis\" x1=\"\(left)\" y1=\"\(plotBottom)\" x2=\"\(left + 10 * slot)\" y2=\"\(plotBottom)\"/>"]
        // 2. One bar per bucket, its count above, its range below.
        for (bucket, count) in counts.enumerated() {
            let barHeight = (plotBottom - plotTop) * count / tallest
            let x = left + bucket * slot + 6
            let middle = x + (slot - 12) / 2
            parts.append("<rect class=\"bar b\(bucket)\" x=\"\(x)\" y=\"\(plotBottom - barHeight)\" width=\"\(slot - 12)\" "
                + "height=\"\(barHeight)\" rx=\"3\"><title>\(range(bucket)): \(count)</title></rect>")
            if count > 0 {
                parts.append("<text class=\"count\" x=\"\(middle)\" y=\"\(plotBottom - barHeight - 6)\">\(count)</text>")
            }
            parts.append("<text class=\"label\" x=\"\(middle)\" y=\"\(plotBottom + 18)\">\(bucket * 10)%</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// "30–39 %", or "90–100 %" for the last bucket.
    private func range(_ bucket: Int) -> String {
        "\(bucket * 10)–\(bucket == 9 ? 100 : bucket * 10 + 9) %"
    }
}
