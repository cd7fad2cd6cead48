import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatArchive

/// `chatterm import` copies the attachments an export ships into `assets/`, content-addressed,
/// in each shape exports have had, and says what it found, stored, already had and lacks.
@Suite struct AssetImportTests {
    /// Some bytes that start like a PNG image.
    static func png(_ seed: UInt8, size: Int = 300) -> Data {
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            + Data((0..<size).map { UInt8(truncatingIfNeeded: $0) &+ seed })
    }

    /// A conversation whose prompt carries an image pointer (and an upload entry for `named`).
    static func conversation(id: String, pointer: String, named: String? = nil) -> [String: Any] {
        TestJSON.withParts(
            TestJSON.conversation(id: id, nodes: [("u1", nil, "user", "look"), ("a1", "u1", "assistant", "ok")]),
            node: "u1",
            [["content_type": "image_asset_pointer", "asset_pointer": pointer, "width": 64, "height": 48], "look"],
            metadata: named.map {
                [
                    "attachments": [
                        ["id": Attachment.fileID(fromPointer: pointer)!, "name": $0, "mime_type": "image/png"]
                    ]
                ]
            })
    }

    @Test func a2026ExportsDatFilesAreStoredUnderTheirOriginalNames() throws {
        let temp = TempDir()
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                (
                    "conversations-000.json",
                    TestJSON.data([
                        Self.conversation(id: "c1", pointer: "sediment://file_00aa"),
                        Self.conversation(id: "c2", pointer: "file-service://file-Bb2"),
                        Self.conversation(id: "c3", pointer: "sediment://file_00gone"),
                    ])
                ),
                ("file_00aa.dat", Self.png(1)),
                ("file-Bb2.dat", Self.png(1)),  // the same bytes as file_00aa
                (
                    "conversation_asset_file_names.json",
                    TestJSON.data(["file_00aa.dat": "Screenshot_2026-01-02.png", "file-Bb2.dat": "copy.png"])
                ),
                ("chat.html", Data("<html></html>".utf8)),
            ]))
        let report = try Importer(archive: archive).importFile(at: zip)
        #expect(report.inserted == 3)
        #expect(report.assets.found == 2)
        #expect(report.assets.stored == 1)
        #expect(report.assets.deduplicated == 1)
        #expect(report.assets.missing == 1)
        #expect(report.assets.bytes == Int64(2 * Self.png(1).count))
        let local = archive.localAssets(for: ["file_00aa", "file-Bb2", "file_00gone"])
        #expect(Set(local.keys) == ["file_00aa", "file-Bb2"])
        let first = try #require(local["file_00aa"])
        #expect(first.originalName == "Screenshot_2026-01-02.png")
        #expect(first.mimeType == "image/png")
        #expect(first.sizeBytes == Self.png(1).count)
        #expect(first.path == local["file-Bb2"]?.path)  // one copy
        #expect(first.path.hasPrefix(archive.assetsDirectory.path))
        #expect(first.path.hasSuffix(".png"))
        #expect(FileManager.default.contents(atPath: first.path) == Self.png(1))
        let kept = try FileManager.default.subpathsOfDirectory(atPath: archive.assetsDirectory.path)
            .filter { $0.hasSuffix(".png") }
        #expect(kept.count == 1)
    }

    @Test func importingAgainStoresNothingTwice() throws {
        let temp = TempDir()
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                ("conversations.json", TestJSON.data([Self.conversation(id: "c1", pointer: "sediment://file_00aa")])),
                ("file_00aa.dat", Self.png(2)),
            ]))
        let first = try Importer(archive: archive).importFile(at: zip)
        let again = try Importer(archive: archive).importFile(at: zip)
        #expect(first.assets.stored == 1)
        #expect(again.assets.found == 1)
        #expect(again.assets.stored == 0)
        #expect(again.assets.deduplicated == 1)
        let files = try FileManager.default.subpathsOfDirectory(atPath: archive.assetsDirectory.path)
            .filter { $0.hasSuffix(".png") }
        #expect(files.count == 1)
        #expect(!files.contains { $0.contains(".incoming-") })
    }

    @Test func olderExportsNamedFilesAndFoldersAreFoundByTheIDInFront() throws {
        let temp = TempDir()
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let generated = "dalle-generations/file-Dal1-0a1b2c3d-1111-2222-3333-444455556666.webp"
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                (
                    "conversations.json",
                    TestJSON.data([
                        Self.conversation(id: "c1", pointer: "file-service://file-Named1"),
                        Self.conversation(id: "c2", pointer: "sediment://file_00user9"),
                        Self.conversation(id: "c3", pointer: "file-service://file-Dal1"),
                    ])
                ),
                ("file-Named1-Holiday photo.png", Self.png(3)),
                ("user-abc123/file_00user9-5f0e1d2c-aaaa-bbbb-cccc-ddddeeeeffff.png", Self.png(4)),
                (generated, Data("RIFF\0\0\0\0WEBPVP8 ".utf8) + Self.png(5)),
                ("notes/readme.txt", Data("not an attachment".utf8)),
            ]))
        let report = try Importer(archive: archive).importFile(at: zip)
        #expect(report.assets.found == 3)
        #expect(report.assets.missing == 0)
        let local = archive.localAssets(for: ["file-Named1", "file_00user9", "file-Dal1"])
        #expect(local["file-Named1"]?.originalName == "Holiday photo.png")
        #expect(local["file_00user9"]?.originalName == nil)  // only an id and a UUID: nothing to show
        #expect(local["file-Dal1"]?.mimeType == "image/webp")
        #expect(local["file-Dal1"]?.path.hasSuffix(".webp") == true)
    }

    @Test func anExportUnzippedIntoAFolderHasItsAttachmentsReadFromBesideIt() throws {
        let temp = TempDir()
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let json = temp.file(
            "export/conversations.json",
            TestJSON.data([Self.conversation(id: "c1", pointer: "sediment://file_00aa", named: "cat.png")]))
        _ = temp.file("export/file_00aa.dat", Self.png(6))
        _ = temp.file("export/dalle-generations/file-Zz9-aaaa.webp", Self.png(7))
        _ = temp.file("export/holiday.png", Self.png(8))  // not named by an id: not an attachment
        let report = try Importer(archive: archive).importFile(at: json)
        #expect(report.assets.found == 2)
        #expect(report.assets.stored == 2)
        #expect(archive.localAssets(for: ["file_00aa"])["file_00aa"]?.sizeBytes == Self.png(6).count)
    }

    @Test func aDamagedAttachmentIsReportedAndTheRestKept() throws {
        let temp = TempDir()
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        var zip = StoredZip.make([
            ("conversations.json", TestJSON.data([Self.conversation(id: "c1", pointer: "sediment://file_00aa")])),
            ("file_00aa.dat", Self.png(9)),
            ("file_00bb.dat", Self.png(10)),
        ])
        // Flip a byte inside the second file's data: its checksum no longer matches.
        let marker = Self.png(10)
        let at = try #require(zip.range(of: marker)).lowerBound + 20
        zip[at] ^= 0xFF
        let url = temp.file("export.zip", zip)
        let report = try Importer(archive: archive).importFile(at: url)
        #expect(report.inserted == 1)
        #expect(report.assets.found == 1)
        #expect(report.assets.failures.count == 1)
        #expect(report.assets.failures.first?.reason.contains("file_00bb.dat") == true)
        #expect(report.assets.failures.first?.reason.contains("damaged") == true)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: archive.assetsDirectory.path)
            .filter { $0.contains(".incoming-") }
        #expect(leftovers.isEmpty)
    }

    @Test func whyAFileWasNotKeptIsSaidInWords() {
        #expect(
            Archive.assetFailure(ImportError.badFormat(file: "x.dat", reason: "the zip is damaged"))
                == "the zip is damaged")
        #expect(Archive.assetFailure(AssetStoreError(reason: "cannot write in /a")) == "cannot write in /a")
        #expect(Archive.assetFailure(CocoaError(.fileWriteUnknown)) == "the archive could not be written")
        #expect(Archive.assetFailure(CocoaError(.fileWriteOutOfSpace)) == "disk full")
    }

    @Test(
        arguments: [
            ("file-AbC123-Screenshot.png", "file-AbC123"), ("file_00000000ab12-4d2e.webp", "file_00000000ab12"),
            ("dalle-generations/file-XyZ-1234.webp", "file-XyZ"), ("file-cf92d9fd-b06.dat", "file-cf92d9fd-b06"),
            ("Screenshot.png", nil), ("file-.png", nil),
        ] as [(String, String?)])
    func aShippedFileIsNamedByTheIDInFront(path: String, id: String?) {
        #expect(ExportAssetFiles.fileID(ofPath: path) == id)
    }

    @Test func theFileTypeComesFromTheBytesNotTheName() {
        #expect(FileSniffer.mimeType(of: Self.png(0)) == "image/png")
        #expect(FileSniffer.mimeType(of: Data([0xFF, 0xD8, 0xFF, 0xE0])) == "image/jpeg")
        #expect(FileSniffer.mimeType(of: Data("%PDF-1.7".utf8)) == "application/pdf")
        #expect(FileSniffer.mimeType(of: Data("RIFF\0\0\0\0WAVEfmt ".utf8)) == "audio/wav")
        #expect(FileSniffer.mimeType(of: Data("hello".utf8)) == nil)
        #expect(FileSniffer.fileExtension(mime: "image/png", name: "x.dat") == "png")
        #expect(FileSniffer.fileExtension(mime: nil, name: "notes.TXT") == "txt")
        #expect(FileSniffer.fileExtension(mime: nil, name: "file-x.dat") == "")
        #expect(FileSniffer.fileExtension(mime: nil, name: "weird.ex;t") == "")
    }
}
