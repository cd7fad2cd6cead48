import ChatImages
import ChatModel

extension Store {
    /// The assets with the pixel size of each image read from its file's header (a few
    /// microseconds each), for those whose message did not record it; a file that is not an
    /// image chatterm reads keeps none.
    public nonisolated static func withPixelSizes(_ assets: [String: LocalAsset]) -> [String: LocalAsset] {
        assets.mapValues { asset in
            guard asset.width == nil, asset.mimeType?.hasPrefix("image/") ?? true,
                let info = try? ImagePreviewCache.shared.info(contentsOfFile: asset.path)
            else { return asset }
            var sized = asset
            sized.width = info.width
            sized.height = info.height
            return sized
        }
    }
}
