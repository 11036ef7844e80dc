extension Annotation {
    /// The annotation with every point moved by `transform`, and its line width and font size
    /// multiplied by `scale` (kept within the style's ranges; text not below 9 px so it stays
    /// readable on thumbnails). Used to draw a document made on the stored image onto a display
    /// image that was turned, flipped, cropped or resized.
    public func mapped(_ transform: (Point) -> Point, scale: Double = 1) -> Annotation {
        var out = self
        switch shape {
        case .text(let at, let s): out.shape = .text(at: transform(at), s)
        case .arrow(let a, let b): out.shape = .arrow(from: transform(a), to: transform(b))
        case .ruler(let a, let b): out.shape = .ruler(from: transform(a), to: transform(b))
        case .line(let a, let b): out.shape = .line(from: transform(a), to: transform(b))
        case .angle(let a, let v, let b): out.shape = .angle(a: transform(a), vertex: transform(v), b: transform(b))
        case .polyline(let p): out.shape = .polyline(p.map(transform))
        case .freehand(let p): out.shape = .freehand(p.map(transform))
        case .rectangle(let a, let b): out.shape = .rectangle(transform(a), transform(b))
        case .ellipse(let a, let b): out.shape = .ellipse(transform(a), transform(b))
        case .polygon(let p): out.shape = .polygon(p.map(transform))
        case .marker(let p): out.shape = .marker(transform(p))
        case .tooth(let p, let t): out.shape = .tooth(at: transform(p), t)
        }
        if scale != 1, scale.isFinite, scale > 0 {
            out.style.width = min(max(style.width * scale, 0.5), 50)
            out.style.fontSize = min(max(style.fontSize * scale, 9), 400)
        }
        return out
    }
}
