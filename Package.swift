// swift-tools-version: 6.1
//
// Radiograph: dental digital radiography from the sensor's DICOM to a displayable, enhanced,
// annotated and archived image. See README.md for the module map.

import PackageDescription

// MARK: - Linking system libraries
//
// Debian's dcmtk.pc names `sndfile` under Requires.private and fails without libsndfile-dev, so
// DCMTK's libraries are named one by one. Everything comes from Debian packages (scripts/setup.sh).
let dcmtkLibraries: [LinkerSetting] = [
    "dcmpstat",  // presentation states (GSPS); its own dependencies come in through its shared library
    "dcmjpls", "dcmtkcharls", "dcmjpeg", "ijg8", "ijg12", "ijg16", "dcmimgle", "dcmdata", "oflog", "ofstd",
    "openjp2",  // JPEG 2000 (DCMTK 3.6.7 has no codec for it)
    "z",  // zlib: the nesting pre-check inflates Deflated data sets before DCMTK parses them
].map { .linkedLibrary($0) }

let package = Package(
    name: "Radiograph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Radiograph", targets: ["Radiograph"]),
        .library(name: "RadiographCore", targets: ["RadiographCore"]),
        .library(name: "RadiographDICOM", targets: ["RadiographDICOM"]),
        .library(name: "RadiographCodecs", targets: ["RadiographCodecs"]),
        .library(name: "RadiographAnnotation", targets: ["RadiographAnnotation"]),
        .library(name: "RadiographArchive", targets: ["RadiographArchive"]),
        .executable(name: "radiograph", targets: ["radiograph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // MARK: - Public API

        // Pixels, kernels and the schedule. No C, no Foundation; Dispatch only in Schedule/.
        .target(name: "RadiographCore"),
        // Annotation documents, dental notation, calibrated measurement, drawing and text. No
        // Foundation; C only through the FreeType shim (Text/).
        .target(name: "RadiographAnnotation", dependencies: ["RadiographCore", "CRadiographFreeType"]),
        // The patient-indexed archive: SQLite index (GRDB) + encrypted object store (swift-crypto),
        // audit trail, retention. Foundation allowed (files, dates).
        .target(
            name: "RadiographArchive",
            dependencies: [
                "RadiographDICOM",
                "RadiographAnnotation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The pipeline facade: DICOM in, display transform, codecs out, batch processing (files, or
        // archived images in and derived images back: Batch+Archive.swift).
        .target(
            name: "Radiograph",
            dependencies: ["RadiographCore", "RadiographDICOM", "RadiographCodecs", "RadiographAnnotation", "RadiographArchive"]
        ),
        .executableTarget(
            name: "radiograph",
            dependencies: [
                "Radiograph",
                "RadiographAnnotation",
                "RadiographArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Adapters (the only importers of the C shims)

        .target(name: "RadiographDICOM", dependencies: ["RadiographCore", "CRadiographDCMTK"]),
        .target(name: "RadiographCodecs", dependencies: ["RadiographCore", "CRadiographCodecs"]),

        // MARK: - C shims (no stable Swift API; see their README)

        // C++17 against DCMTK behind a plain C header; every exception is caught inside.
        .target(
            name: "CRadiographDCMTK",
            linkerSettings: dcmtkLibraries
        ),
        // C against libpng, libjpeg(-turbo) and libtiff: setjmp error handling and varargs live here.
        .target(
            name: "CRadiographCodecs",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("tiff")]
        ),
        // C against FreeType 2: text layout, glyph cache, stroked halo, behind an opaque handle.
        .target(
            name: "CRadiographFreeType",
            dependencies: ["CRadiographFreeTypeSystem"],
            linkerSettings: [.linkedLibrary("freetype")]
        ),
        // FreeType's headers live in /usr/include/freetype2: pkg-config `freetype2` supplies the path.
        .systemLibrary(
            name: "CRadiographFreeTypeSystem",
            pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"])]
        ),

        // MARK: - Tests

        .target(name: "_RadiographTestSupport", dependencies: ["RadiographCore"], path: "Tests/_RadiographTestSupport"),
        .testTarget(name: "RadiographCoreTests", dependencies: ["RadiographCore", "_RadiographTestSupport"]),
        .testTarget(name: "RadiographAnnotationTests", dependencies: ["RadiographAnnotation", "RadiographCore"]),
        .testTarget(name: "RadiographDICOMTests", dependencies: ["RadiographDICOM", "_RadiographTestSupport"]),
        .testTarget(name: "RadiographCodecsTests", dependencies: ["RadiographCodecs", "_RadiographTestSupport"]),
        .testTarget(
            name: "RadiographArchiveTests",
            dependencies: ["RadiographArchive", "RadiographDICOM", "_RadiographTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "RadiographTests",
            dependencies: ["Radiograph", "RadiographArchive", "RadiographDICOM", "_RadiographTestSupport"]
        ),
        .testTarget(
            name: "RadiographCLITests",
            dependencies: ["radiograph", "Radiograph", "RadiographDICOM", "RadiographCodecs", "_RadiographTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
