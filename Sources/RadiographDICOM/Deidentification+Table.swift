/// PS3.15 Table E.1-1, "Application Level Confidentiality Profile Attributes": every attribute the
/// Basic Application Level Confidentiality Profile names, with its Basic Profile action and the
/// actions of the three options Radiograph implements.
///
/// Source: DICOM PS3.15 2024b, Table E.1-1, read from the JSON extraction of the standard published
/// by innolitics/dicom-standard (`standard/confidentiality_profile_attributes.json`, commit
/// 8670abd "Update standard to rev2024b"); 620 rows (the "Private Attributes" row is handled by
/// removing every odd group, see ``Deidentifier``). Tags with `XX` in the standard carry a mask.
/// The rows are data from the standard, one per attribute, sorted by tag; the attribute names are
/// the standard's.
extension DeidentificationProfile {
    static let table: [Attribute] = [
        .init(0x0000_1000, .x),  // Affected SOP Instance UID
        .init(0x0000_1001, .u),  // Requested SOP Instance UID
        .init(0x0002_0003, .u),  // Media Storage SOP Instance UID
        .init(0x0004_1511, .u),  // Referenced SOP Instance UID in File
        .init(0x0008_0012, .xd, dates: .c),  // Instance Creation Date
        .init(0x0008_0013, .xzd, dates: .c),  // Instance Creation Time
        .init(0x0008_0014, .u),  // Instance Creator UID
        .init(0x0008_0015, .x, dates: .c),  // Instance Coercion DateTime
        .init(0x0008_0017, .u),  // Acquisition UID
        .init(0x0008_0018, .u),  // SOP Instance UID
        .init(0x0008_0019, .u),  // Pyramid UID
        .init(0x0008_0020, .z, dates: .c),  // Study Date
        .init(0x0008_0021, .xd, dates: .c),  // Series Date
        .init(0x0008_0022, .xz, dates: .c),  // Acquisition Date
        .init(0x0008_0023, .zd, dates: .c),  // Content Date
        .init(0x0008_0024, .x, dates: .c),  // Overlay Date
        .init(0x0008_0025, .x, dates: .c),  // Curve Date
        .init(0x0008_002A, .xzd, dates: .c),  // Acquisition DateTime
        .init(0x0008_0030, .z, dates: .c),  // Study Time
        .init(0x0008_0031, .xd, dates: .c),  // Series Time
        .init(0x0008_0032, .xz, dates: .c),  // Acquisition Time
        .init(0x0008_0033, .zd, dates: .c),  // Content Time
        .init(0x0008_0034, .x, dates: .c),  // Overlay Time
        .init(0x0008_0035, .x, dates: .c),  // Curve Time
        .init(0x0008_0050, .z),  // Accession Number
        .init(0x0008_0054, .x),  // Retrieve AE Title
        .init(0x0008_0055, .x),  // Station AE Title
        .init(0x0008_0058, .u),  // Failed SOP Instance UID List
        .init(0x0008_0080, .xzd),  // Institution Name
        .init(0x0008_0081, .x),  // Institution Address
        .init(0x0008_0082, .xzd),  // Institution Code Sequence
        .init(0x0008_0090, .z),  // Referring Physician's Name
        .init(0x0008_0092, .x),  // Referring Physician's Address
        .init(0x0008_0094, .x),  // Referring Physician's Telephone Numbers
        .init(0x0008_0096, .x),  // Referring Physician Identification Sequence
        .init(0x0008_009C, .z),  // Consulting Physician's Name
        .init(0x0008_009D, .x),  // Consulting Physician Identification Sequence
        .init(0x0008_0106, .d, dates: .c),  // Context Group Version
        .init(0x0008_0107, .d, dates: .c),  // Context Group Local Version
        .init(0x0008_0201, .x, dates: .c),  // Timezone Offset From UTC
        .init(0x0008_1000, .x),  // Network ID
        .init(0x0008_1010, .xzd),  // Station Name
        .init(0x0008_1030, .x, descriptors: .c),  // Study Description
        .init(0x0008_103E, .x, descriptors: .c),  // Series Description
        .init(0x0008_1040, .x),  // Institutional Department Name
        .init(0x0008_1041, .x),  // Institutional Department Type Code Sequence
        .init(0x0008_1048, .x),  // Physician(s) of Record
        .init(0x0008_1049, .x),  // Physician(s) of Record Identification Sequence
        .init(0x0008_1050, .x),  // Performing Physician's Name
        .init(0x0008_1052, .x),  // Performing Physician Identification Sequence
        .init(0x0008_1060, .x),  // Name of Physician(s) Reading Study
        .init(0x0008_1062, .x),  // Physician(s) Reading Study Identification Sequence
        .init(0x0008_1070, .xzd),  // Operators' Name
        .init(0x0008_1072, .xd),  // Operator Identification Sequence
        .init(0x0008_1080, .x, descriptors: .c),  // Admitting Diagnoses Description
        .init(0x0008_1084, .x, descriptors: .c),  // Admitting Diagnoses Code Sequence
        .init(0x0008_1088, .x, descriptors: .c),  // Pyramid Description
        .init(0x0008_1110, .xz),  // Referenced Study Sequence
        .init(0x0008_1111, .xzd),  // Referenced Performed Procedure Step Sequence
        .init(0x0008_1120, .x),  // Referenced Patient Sequence
        .init(0x0008_1140, .xzu),  // Referenced Image Sequence
        .init(0x0008_1155, .u),  // Referenced SOP Instance UID
        .init(0x0008_1195, .u),  // Transaction UID
        .init(0x0008_2111, .x, descriptors: .c),  // Derivation Description
        .init(0x0008_2112, .xzu),  // Source Image Sequence
        .init(0x0008_3010, .u),  // Irradiation Event UID
        .init(0x0008_4000, .x, descriptors: .c),  // Identifying Comments
        .init(0x0010_0010, .z),  // Patient's Name
        .init(0x0010_0020, .zd),  // Patient ID
        .init(0x0010_0021, .x),  // Issuer of Patient ID
        .init(0x0010_0030, .z),  // Patient's Birth Date
        .init(0x0010_0032, .x),  // Patient's Birth Time
        .init(0x0010_0040, .z, characteristics: .k),  // Patient's Sex
        .init(0x0010_0050, .x),  // Patient's Insurance Plan Code Sequence
        .init(0x0010_0101, .x),  // Patient's Primary Language Code Sequence
        .init(0x0010_0102, .x),  // Patient's Primary Language Modifier Code Sequence
        .init(0x0010_1000, .x),  // Other Patient IDs
        .init(0x0010_1001, .x),  // Other Patient Names
        .init(0x0010_1002, .x),  // Other Patient IDs Sequence
        .init(0x0010_1005, .x),  // Patient's Birth Name
        .init(0x0010_1010, .x, characteristics: .k),  // Patient's Age
        .init(0x0010_1020, .x, characteristics: .k),  // Patient's Size
        .init(0x0010_1030, .x, characteristics: .k),  // Patient's Weight
        .init(0x0010_1040, .x),  // Patient's Address
        .init(0x0010_1050, .x),  // Insurance Plan Identification
        .init(0x0010_1060, .x),  // Patient's Mother's Birth Name
        .init(0x0010_1080, .x),  // Military Rank
        .init(0x0010_1081, .x),  // Branch of Service
        .init(0x0010_1090, .x),  // Medical Record Locator
        .init(0x0010_1100, .x),  // Referenced Patient Photo Sequence
        .init(0x0010_2000, .x, descriptors: .c),  // Medical Alerts
        .init(0x0010_2110, .x, characteristics: .c, descriptors: .c),  // Allergies
        .init(0x0010_2150, .x),  // Country of Residence
        .init(0x0010_2152, .x),  // Region of Residence
        .init(0x0010_2154, .x),  // Patient's Telephone Numbers
        .init(0x0010_2155, .x),  // Patient's Telecom Information
        .init(0x0010_2160, .x, characteristics: .k),  // Ethnic Group
        .init(0x0010_2180, .x, descriptors: .c),  // Occupation
        .init(0x0010_21A0, .x, characteristics: .k),  // Smoking Status
        .init(0x0010_21B0, .x, descriptors: .c),  // Additional Patient History
        .init(0x0010_21C0, .x, characteristics: .k),  // Pregnancy Status
        .init(0x0010_21D0, .x, dates: .c),  // Last Menstrual Date
        .init(0x0010_21F0, .x),  // Patient's Religious Preference
        .init(0x0010_2203, .xz, characteristics: .k),  // Patient's Sex Neutered
        .init(0x0010_2297, .x),  // Responsible Person
        .init(0x0010_2299, .x),  // Responsible Organization
        .init(0x0010_4000, .x, descriptors: .c),  // Patient Comments
        .init(0x0012_0010, .d),  // Clinical Trial Sponsor Name
        .init(0x0012_0020, .d),  // Clinical Trial Protocol ID
        .init(0x0012_0021, .z),  // Clinical Trial Protocol Name
        .init(0x0012_0022, .x),  // Issuer of Clinical Trial Protocol ID
        .init(0x0012_0023, .x),  // Other Clinical Trial Protocol IDs Sequence
        .init(0x0012_0030, .z),  // Clinical Trial Site ID
        .init(0x0012_0031, .z),  // Clinical Trial Site Name
        .init(0x0012_0032, .x),  // Issuer of Clinical Trial Site ID
        .init(0x0012_0040, .d),  // Clinical Trial Subject ID
        .init(0x0012_0041, .x),  // Issuer of Clinical Trial Subject ID
        .init(0x0012_0042, .d),  // Clinical Trial Subject Reading ID
        .init(0x0012_0043, .x),  // Issuer of Clinical Trial Subject Reading ID
        .init(0x0012_0050, .z),  // Clinical Trial Time Point ID
        .init(0x0012_0051, .x, descriptors: .c),  // Clinical Trial Time Point Description
        .init(0x0012_0055, .x),  // Issuer of Clinical Trial Time Point ID
        .init(0x0012_0060, .z),  // Clinical Trial Coordinating Center Name
        .init(0x0012_0071, .x),  // Clinical Trial Series ID
        .init(0x0012_0072, .x, descriptors: .c),  // Clinical Trial Series Description
        .init(0x0012_0073, .x),  // Issuer of Clinical Trial Series ID
        .init(0x0012_0081, .d),  // Clinical Trial Protocol Ethics Committee Name
        .init(0x0012_0082, .x),  // Clinical Trial Protocol Ethics Committee Approval Number
        .init(0x0012_0086, .x, dates: .c),  // Ethics Committee Approval Effectiveness Start Date
        .init(0x0012_0087, .x, dates: .c),  // Ethics Committee Approval Effectiveness End Date
        .init(0x0014_407C, .x, dates: .c),  // Calibration Time
        .init(0x0014_407E, .x, dates: .c),  // Calibration Date
        .init(0x0016_002B, .x, descriptors: .c),  // Maker Note
        .init(0x0016_004B, .x, descriptors: .c),  // Device Setting Description
        .init(0x0016_004D, .x),  // Camera Owner Name
        .init(0x0016_004E, .x),  // Lens Specification
        .init(0x0016_004F, .x),  // Lens Make
        .init(0x0016_0050, .x),  // Lens Model
        .init(0x0016_0051, .x),  // Lens Serial Number
        .init(0x0016_0070, .x),  // GPS Version ID
        .init(0x0016_0071, .x),  // GPS Latitude Ref
        .init(0x0016_0072, .x),  // GPS Latitude
        .init(0x0016_0073, .x),  // GPS Longitude Ref
        .init(0x0016_0074, .x),  // GPS Longitude
        .init(0x0016_0075, .x),  // GPS Altitude Ref
        .init(0x0016_0076, .x),  // GPS Altitude
        .init(0x0016_0077, .x),  // GPS Time Stamp
        .init(0x0016_0078, .x),  // GPS Satellites
        .init(0x0016_0079, .x),  // GPS Status
        .init(0x0016_007A, .x),  // GPS Measure Mode
        .init(0x0016_007B, .x),  // GPS DOP
        .init(0x0016_007C, .x),  // GPS Speed Ref
        .init(0x0016_007D, .x),  // GPS Speed
        .init(0x0016_007E, .x),  // GPS Track Ref
        .init(0x0016_007F, .x),  // GPS Track
        .init(0x0016_0080, .x),  // GPS Img Direction Ref
        .init(0x0016_0081, .x),  // GPS Img Direction
        .init(0x0016_0082, .x),  // GPS Map Datum
        .init(0x0016_0083, .x),  // GPS Dest Latitude Ref
        .init(0x0016_0084, .x),  // GPS Dest Latitude
        .init(0x0016_0085, .x),  // GPS Dest Longitude Ref
        .init(0x0016_0086, .x),  // GPS Dest Longitude
        .init(0x0016_0087, .x),  // GPS Dest Bearing Ref
        .init(0x0016_0088, .x),  // GPS Dest Bearing
        .init(0x0016_0089, .x),  // GPS Dest Distance Ref
        .init(0x0016_008A, .x),  // GPS Dest Distance
        .init(0x0016_008B, .x),  // GPS Processing Method
        .init(0x0016_008C, .x),  // GPS Area Information
        .init(0x0016_008D, .x, dates: .c),  // GPS Date Stamp
        .init(0x0016_008E, .x),  // GPS Differential
        .init(0x0018_0010, .zd, descriptors: .c),  // Contrast/Bolus Agent
        .init(0x0018_0027, .x, dates: .c),  // Intervention Drug Stop Time
        .init(0x0018_0035, .x, dates: .c),  // Intervention Drug Start Time
        .init(0x0018_1000, .xzd),  // Device Serial Number
        .init(0x0018_1002, .u),  // Device UID
        .init(0x0018_1004, .x),  // Plate ID
        .init(0x0018_1005, .x),  // Generator ID
        .init(0x0018_1007, .x),  // Cassette ID
        .init(0x0018_1008, .x),  // Gantry ID
        .init(0x0018_1009, .x),  // Unique Device Identifier
        .init(0x0018_100A, .x),  // UDI Sequence
        .init(0x0018_100B, .u),  // Manufacturer's Device Class UID
        .init(0x0018_1012, .x, dates: .c),  // Date of Secondary Capture
        .init(0x0018_1014, .x, dates: .c),  // Time of Secondary Capture
        .init(0x0018_1030, .xd, descriptors: .c),  // Protocol Name
        .init(0x0018_1042, .x, dates: .c),  // Contrast/Bolus Start Time
        .init(0x0018_1043, .x, dates: .c),  // Contrast/Bolus Stop Time
        .init(0x0018_1072, .x, dates: .c),  // Radiopharmaceutical Start Time
        .init(0x0018_1073, .x, dates: .c),  // Radiopharmaceutical Stop Time
        .init(0x0018_1078, .x, dates: .c),  // Radiopharmaceutical Start DateTime
        .init(0x0018_1079, .x, dates: .c),  // Radiopharmaceutical Stop DateTime
        .init(0x0018_11BB, .d, descriptors: .c),  // Acquisition Field Of View Label
        .init(0x0018_1200, .x, dates: .c),  // Date of Last Calibration
        .init(0x0018_1201, .x, dates: .c),  // Time of Last Calibration
        .init(0x0018_1202, .x, dates: .c),  // DateTime of Last Calibration
        .init(0x0018_1203, .z, dates: .c),  // Calibration DateTime
        .init(0x0018_1204, .x, dates: .c),  // Date of Manufacture
        .init(0x0018_1205, .x, dates: .c),  // Date of Installation
        .init(0x0018_1400, .xd, descriptors: .c),  // Acquisition Device Processing Description
        .init(0x0018_2042, .u),  // Target UID
        .init(0x0018_4000, .x, descriptors: .c),  // Acquisition Comments
        .init(0x0018_5011, .x),  // Transducer Identification Sequence
        .init(0x0018_700A, .xd),  // Detector ID
        .init(0x0018_700C, .xd, dates: .c),  // Date of Last Detector Calibration
        .init(0x0018_700E, .xd, dates: .c),  // Time of Last Detector Calibration
        .init(0x0018_9074, .d, dates: .c),  // Frame Acquisition DateTime
        .init(0x0018_9151, .d, dates: .c),  // Frame Reference DateTime
        .init(0x0018_9185, .x, descriptors: .c),  // Respiratory Motion Compensation Technique Description
        .init(0x0018_9367, .d),  // X-Ray Source ID
        .init(0x0018_9369, .d, dates: .c),  // Source Start DateTime
        .init(0x0018_936A, .d, dates: .c),  // Source End DateTime
        .init(0x0018_9371, .d),  // X-Ray Detector ID
        .init(0x0018_9373, .x),  // X-Ray Detector Label
        .init(0x0018_937B, .x, descriptors: .c),  // Multi-energy Acquisition Description
        .init(0x0018_937F, .x, descriptors: .c),  // Decomposition Description
        .init(0x0018_9424, .x, descriptors: .c),  // Acquisition Protocol Description
        .init(0x0018_9516, .xd, dates: .c),  // Start Acquisition DateTime
        .init(0x0018_9517, .xd, dates: .c),  // End Acquisition DateTime
        .init(0x0018_9623, .d, dates: .c),  // Functional Sync Pulse
        .init(0x0018_9701, .d, dates: .c),  // Decay Correction DateTime
        .init(0x0018_9804, .d, dates: .c),  // Exclusion Start DateTime
        .init(0x0018_9919, .zd, dates: .c),  // Instruction Performed DateTime
        .init(0x0018_9937, .x, descriptors: .c),  // Requested Series Description
        .init(0x0018_A002, .x, dates: .c),  // Contribution DateTime
        .init(0x0018_A003, .x, descriptors: .c),  // Contribution Description
        .init(0x0020_000D, .u),  // Study Instance UID
        .init(0x0020_000E, .u),  // Series Instance UID
        .init(0x0020_0010, .z),  // Study ID
        .init(0x0020_0027, .x, descriptors: .c),  // Pyramid Label
        .init(0x0020_0052, .u),  // Frame of Reference UID
        .init(0x0020_0200, .u),  // Synchronization Frame of Reference UID
        .init(0x0020_3401, .x),  // Modifying Device ID
        .init(0x0020_3403, .x, dates: .c),  // Modified Image Date
        .init(0x0020_3405, .x, dates: .c),  // Modified Image Time
        .init(0x0020_3406, .x),  // Modified Image Description
        .init(0x0020_4000, .x, descriptors: .c),  // Image Comments
        .init(0x0020_9158, .x, descriptors: .c),  // Frame Comments
        .init(0x0020_9161, .u),  // Concatenation UID
        .init(0x0020_9164, .u),  // Dimension Organization UID
        .init(0x0028_1199, .u),  // Palette Color Lookup Table UID
        .init(0x0028_1214, .u),  // Large Palette Color Lookup Table UID
        .init(0x0028_4000, .x),  // Image Presentation Comments
        .init(0x0032_0012, .x),  // Study ID Issuer
        .init(0x0032_0032, .x, dates: .c),  // Study Verified Date
        .init(0x0032_0033, .x, dates: .c),  // Study Verified Time
        .init(0x0032_0034, .x, dates: .c),  // Study Read Date
        .init(0x0032_0035, .x, dates: .c),  // Study Read Time
        .init(0x0032_1000, .x, dates: .c),  // Scheduled Study Start Date
        .init(0x0032_1001, .x, dates: .c),  // Scheduled Study Start Time
        .init(0x0032_1010, .x, dates: .c),  // Scheduled Study Stop Date
        .init(0x0032_1011, .x, dates: .c),  // Scheduled Study Stop Time
        .init(0x0032_1020, .x),  // Scheduled Study Location
        .init(0x0032_1021, .x),  // Scheduled Study Location AE Title
        .init(0x0032_1030, .x, descriptors: .c),  // Reason for Study
        .init(0x0032_1032, .x),  // Requesting Physician
        .init(0x0032_1033, .x),  // Requesting Service
        .init(0x0032_1040, .x, dates: .c),  // Study Arrival Date
        .init(0x0032_1041, .x, dates: .c),  // Study Arrival Time
        .init(0x0032_1050, .x, dates: .c),  // Study Completion Date
        .init(0x0032_1051, .x, dates: .c),  // Study Completion Time
        .init(0x0032_1060, .xz, descriptors: .c),  // Requested Procedure Description
        .init(0x0032_1066, .x, descriptors: .c),  // Reason for Visit
        .init(0x0032_1067, .x, descriptors: .c),  // Reason for Visit Code Sequence
        .init(0x0032_1070, .x, descriptors: .c),  // Requested Contrast Agent
        .init(0x0032_4000, .x, descriptors: .c),  // Study Comments
        .init(0x0034_0001, .d),  // Flow Identifier Sequence
        .init(0x0034_0002, .d),  // Flow Identifier
        .init(0x0034_0005, .d),  // Source Identifier
        .init(0x0034_0007, .d, dates: .c),  // Frame Origin Timestamp
        .init(0x0038_0004, .x),  // Referenced Patient Alias Sequence
        .init(0x0038_0010, .x),  // Admission ID
        .init(0x0038_0011, .x),  // Issuer of Admission ID
        .init(0x0038_0014, .x),  // Issuer of Admission ID Sequence
        .init(0x0038_001A, .x, dates: .c),  // Scheduled Admission Date
        .init(0x0038_001B, .x, dates: .c),  // Scheduled Admission Time
        .init(0x0038_001C, .x, dates: .c),  // Scheduled Discharge Date
        .init(0x0038_001D, .x, dates: .c),  // Scheduled Discharge Time
        .init(0x0038_001E, .x),  // Scheduled Patient Institution Residence
        .init(0x0038_0020, .x, dates: .c),  // Admitting Date
        .init(0x0038_0021, .x, dates: .c),  // Admitting Time
        .init(0x0038_0030, .x, dates: .c),  // Discharge Date
        .init(0x0038_0032, .x, dates: .c),  // Discharge Time
        .init(0x0038_0040, .x, descriptors: .c),  // Discharge Diagnosis Description
        .init(0x0038_0050, .x, characteristics: .c),  // Special Needs
        .init(0x0038_0060, .x),  // Service Episode ID
        .init(0x0038_0061, .x),  // Issuer of Service Episode ID
        .init(0x0038_0062, .x, descriptors: .c),  // Service Episode Description
        .init(0x0038_0064, .x),  // Issuer of Service Episode ID Sequence
        .init(0x0038_0300, .x),  // Current Patient Location
        .init(0x0038_0400, .x),  // Patient's Institution Residence
        .init(0x0038_0500, .x, characteristics: .c, descriptors: .c),  // Patient State
        .init(0x0038_4000, .x, descriptors: .c),  // Visit Comments
        .init(0x003A_0310, .u),  // Multiplex Group UID
        .init(0x003A_0314, .d, dates: .c),  // Impedance Measurement DateTime
        .init(0x003A_0329, .x, descriptors: .c),  // Waveform Filter Description
        .init(0x003A_032B, .x, descriptors: .c),  // Filter Lookup Table Description
        .init(0x0040_0001, .x),  // Scheduled Station AE Title
        .init(0x0040_0002, .x, dates: .c),  // Scheduled Procedure Step Start Date
        .init(0x0040_0003, .x, dates: .c),  // Scheduled Procedure Step Start Time
        .init(0x0040_0004, .x, dates: .c),  // Scheduled Procedure Step End Date
        .init(0x0040_0005, .x, dates: .c),  // Scheduled Procedure Step End Time
        .init(0x0040_0006, .x),  // Scheduled Performing Physician's Name
        .init(0x0040_0007, .x, descriptors: .c),  // Scheduled Procedure Step Description
        .init(0x0040_0009, .x),  // Scheduled Procedure Step ID
        .init(0x0040_000B, .x),  // Scheduled Performing Physician Identification Sequence
        .init(0x0040_0010, .x),  // Scheduled Station Name
        .init(0x0040_0011, .x),  // Scheduled Procedure Step Location
        .init(0x0040_0012, .x, characteristics: .c),  // Pre-Medication
        .init(0x0040_0241, .x),  // Performed Station AE Title
        .init(0x0040_0242, .x),  // Performed Station Name
        .init(0x0040_0243, .x),  // Performed Location
        .init(0x0040_0244, .x, dates: .c),  // Performed Procedure Step Start Date
        .init(0x0040_0245, .x, dates: .c),  // Performed Procedure Step Start Time
        .init(0x0040_0250, .x, dates: .c),  // Performed Procedure Step End Date
        .init(0x0040_0251, .x, dates: .c),  // Performed Procedure Step End Time
        .init(0x0040_0253, .x),  // Performed Procedure Step ID
        .init(0x0040_0254, .x, descriptors: .c),  // Performed Procedure Step Description
        .init(0x0040_0275, .x, descriptors: .c),  // Request Attributes Sequence
        .init(0x0040_0280, .x, descriptors: .c),  // Comments on the Performed Procedure Step
        .init(0x0040_0310, .x, descriptors: .c),  // Comments on Radiation Dose
        .init(0x0040_050A, .x),  // Specimen Accession Number
        .init(0x0040_0512, .d),  // Container Identifier
        .init(0x0040_0513, .z),  // Issuer of the Container Identifier Sequence
        .init(0x0040_051A, .x, descriptors: .c),  // Container Description
        .init(0x0040_0551, .d),  // Specimen Identifier
        .init(0x0040_0554, .u),  // Specimen UID
        .init(0x0040_0555, .xz),  // Acquisition Context Sequence
        .init(0x0040_0562, .z),  // Issuer of the Specimen Identifier Sequence
        .init(0x0040_0600, .x, descriptors: .c),  // Specimen Short Description
        .init(0x0040_0602, .x, descriptors: .c),  // Specimen Detailed Description
        .init(0x0040_0610, .z),  // Specimen Preparation Sequence
        .init(0x0040_06FA, .x),  // Slide Identifier
        .init(0x0040_1001, .x),  // Requested Procedure ID
        .init(0x0040_1002, .x, descriptors: .c),  // Reason for the Requested Procedure
        .init(0x0040_1004, .x),  // Patient Transport Arrangements
        .init(0x0040_1005, .x),  // Requested Procedure Location
        .init(0x0040_100A, .x, descriptors: .c),  // Reason for Requested Procedure Code Sequence
        .init(0x0040_1010, .x),  // Names of Intended Recipients of Results
        .init(0x0040_1011, .x),  // Intended Recipients of Results Identification Sequence
        .init(0x0040_1101, .d),  // Person Identification Code Sequence
        .init(0x0040_1102, .x),  // Person's Address
        .init(0x0040_1103, .x),  // Person's Telephone Numbers
        .init(0x0040_1104, .x),  // Person's Telecom Information
        .init(0x0040_1400, .x, descriptors: .c),  // Requested Procedure Comments
        .init(0x0040_2001, .x, descriptors: .c),  // Reason for the Imaging Service Request
        .init(0x0040_2004, .x, dates: .c),  // Issue Date of Imaging Service Request
        .init(0x0040_2005, .x, dates: .c),  // Issue Time of Imaging Service Request
        .init(0x0040_2008, .x),  // Order Entered By
        .init(0x0040_2009, .x),  // Order Enterer's Location
        .init(0x0040_2010, .x),  // Order Callback Phone Number
        .init(0x0040_2011, .x),  // Order Callback Telecom Information
        .init(0x0040_2016, .z),  // Placer Order Number / Imaging Service Request
        .init(0x0040_2017, .z),  // Filler Order Number / Imaging Service Request
        .init(0x0040_2400, .x, descriptors: .c),  // Imaging Service Request Comments
        .init(0x0040_3001, .x),  // Confidentiality Constraint on Patient Data Description
        .init(0x0040_4005, .x, dates: .c),  // Scheduled Procedure Step Start DateTime
        .init(0x0040_4008, .x, dates: .c),  // Scheduled Procedure Step Expiration DateTime
        .init(0x0040_4010, .x, dates: .c),  // Scheduled Procedure Step Modification DateTime
        .init(0x0040_4011, .x, dates: .c),  // Expected Completion DateTime
        .init(0x0040_4023, .u),  // Referenced General Purpose Scheduled Procedure Step Transaction UID
        .init(0x0040_4025, .x),  // Scheduled Station Name Code Sequence
        .init(0x0040_4027, .x),  // Scheduled Station Geographic Location Code Sequence
        .init(0x0040_4028, .x),  // Performed Station Name Code Sequence
        .init(0x0040_4030, .x),  // Performed Station Geographic Location Code Sequence
        .init(0x0040_4034, .x),  // Scheduled Human Performers Sequence
        .init(0x0040_4035, .x),  // Actual Human Performers Sequence
        .init(0x0040_4036, .x),  // Human Performer's Organization
        .init(0x0040_4037, .x),  // Human Performer's Name
        .init(0x0040_4050, .x, dates: .c),  // Performed Procedure Step Start DateTime
        .init(0x0040_4051, .x, dates: .c),  // Performed Procedure Step End DateTime
        .init(0x0040_4052, .x, dates: .c),  // Procedure Step Cancellation DateTime
        .init(0x0040_A023, .x, dates: .c),  // Findings Group Recording Date (Trial)
        .init(0x0040_A024, .x, dates: .c),  // Findings Group Recording Time (Trial)
        .init(0x0040_A027, .d),  // Verifying Organization
        .init(0x0040_A030, .d, dates: .c),  // Verification DateTime
        .init(0x0040_A032, .xd, dates: .c),  // Observation DateTime
        .init(0x0040_A033, .x, dates: .c),  // Observation Start DateTime
        .init(0x0040_A073, .d),  // Verifying Observer Sequence
        .init(0x0040_A075, .d),  // Verifying Observer Name
        .init(0x0040_A078, .x),  // Author Observer Sequence
        .init(0x0040_A07A, .x),  // Participant Sequence
        .init(0x0040_A07C, .x),  // Custodial Organization Sequence
        .init(0x0040_A082, .z, dates: .c),  // Participation DateTime
        .init(0x0040_A088, .z),  // Verifying Observer Identification Code Sequence
        .init(0x0040_A110, .x, dates: .c),  // Date of Document or Verbal Transaction (Trial)
        .init(0x0040_A112, .x, dates: .c),  // Time of Document Creation or Verbal Transaction (Trial)
        .init(0x0040_A120, .d, dates: .c),  // DateTime
        .init(0x0040_A121, .d, dates: .c),  // Date
        .init(0x0040_A122, .d, dates: .c),  // Time
        .init(0x0040_A123, .d),  // Person Name
        .init(0x0040_A124, .u),  // UID
        .init(0x0040_A13A, .d, dates: .c),  // Referenced DateTime
        .init(0x0040_A171, .u),  // Observation UID
        .init(0x0040_A172, .u),  // Referenced Observation UID (Trial)
        .init(0x0040_A192, .x, dates: .c),  // Observation Date (Trial)
        .init(0x0040_A193, .x, dates: .c),  // Observation Time (Trial)
        .init(0x0040_A307, .x),  // Current Observer (Trial)
        .init(0x0040_A352, .x),  // Verbal Source (Trial)
        .init(0x0040_A353, .x),  // Address (Trial)
        .init(0x0040_A354, .x),  // Telephone Number (Trial)
        .init(0x0040_A358, .x),  // Verbal Source Identifier Code Sequence (Trial)
        .init(0x0040_A402, .u),  // Observation Subject UID (Trial)
        .init(0x0040_A730, .d),  // Content Sequence
        .init(0x0040_DB06, .x, dates: .c),  // Template Version
        .init(0x0040_DB07, .x, dates: .c),  // Template Local Version
        .init(0x0040_DB0C, .u),  // Template Extension Organization UID
        .init(0x0040_DB0D, .u),  // Template Extension Creator UID
        .init(0x0040_E004, .x, dates: .c),  // HL7 Document Effective Time
        .init(0x0042_0011, .d),  // Encapsulated Document
        .init(0x0044_0004, .x, dates: .c),  // Approval Status DateTime
        .init(0x0044_000B, .x, dates: .c),  // Product Expiration DateTime
        .init(0x0044_0010, .x, dates: .c),  // Substance Administration DateTime
        .init(0x0044_0104, .d, dates: .c),  // Assertion DateTime
        .init(0x0044_0105, .x, dates: .c),  // Assertion Expiration DateTime
        .init(0x0050_001B, .x),  // Container Component ID
        .init(0x0050_0020, .x),  // Device Description
        .init(0x0050_0021, .x, descriptors: .c),  // Long Device Description
        .init(0x0062_0021, .u),  // Tracking UID
        .init(0x0064_0003, .u),  // Source Frame of Reference UID
        .init(0x0068_6226, .d, dates: .c),  // Effective DateTime
        .init(0x0068_6270, .d, dates: .c),  // Information Issue DateTime
        .init(0x006A_0003, .d),  // Annotation Group UID
        .init(0x006A_0005, .d, descriptors: .c),  // Annotation Group Label
        .init(0x006A_0006, .x, descriptors: .c),  // Annotation Group Description
        .init(0x0070_0001, .d),  // Graphic Annotation Sequence
        .init(0x0070_0082, .x, dates: .c),  // Presentation Creation Date
        .init(0x0070_0083, .x, dates: .c),  // Presentation Creation Time
        .init(0x0070_0084, .zd),  // Content Creator's Name
        .init(0x0070_0086, .x),  // Content Creator's Identification Code Sequence
        .init(0x0070_031A, .u),  // Fiducial UID
        .init(0x0070_1101, .u),  // Presentation Display Collection UID
        .init(0x0070_1102, .u),  // Presentation Sequence Collection UID
        .init(0x0072_000A, .d, dates: .c),  // Hanging Protocol Creation DateTime
        .init(0x0072_005E, .d),  // Selector AE Value
        .init(0x0072_005F, .d, characteristics: .k),  // Selector AS Value
        .init(0x0072_0061, .d, dates: .c),  // Selector DA Value
        .init(0x0072_0063, .d, dates: .c),  // Selector DT Value
        .init(0x0072_0065, .d),  // Selector OB Value
        .init(0x0072_0066, .d, descriptors: .c),  // Selector LO Value
        .init(0x0072_0068, .d, descriptors: .c),  // Selector LT Value
        .init(0x0072_006A, .d),  // Selector PN Value
        .init(0x0072_006B, .d, dates: .c),  // Selector TM Value
        .init(0x0072_006C, .d, descriptors: .c),  // Selector SH Value
        .init(0x0072_006D, .d),  // Selector UN Value
        .init(0x0072_006E, .d, descriptors: .c),  // Selector ST Value
        .init(0x0072_0070, .d, descriptors: .c),  // Selector UT Value
        .init(0x0072_0071, .d),  // Selector UR Value
        .init(0x0074_1234, .x),  // Receiving AE
        .init(0x0074_1236, .x),  // Requesting AE
        .init(0x0088_0140, .u),  // Storage Media File-set UID
        .init(0x0088_0200, .x),  // Icon Image Sequence (see Note 11)
        .init(0x0088_0904, .x),  // Topic Title
        .init(0x0088_0906, .x),  // Topic Subject
        .init(0x0088_0910, .x),  // Topic Author
        .init(0x0088_0912, .x),  // Topic Keywords
        .init(0x0100_0420, .x, dates: .c),  // SOP Authorization DateTime
        .init(0x0400_0100, .u),  // Digital Signature UID
        .init(0x0400_0105, .d, dates: .c),  // Digital Signature DateTime
        .init(0x0400_0115, .d),  // Certificate of Signer
        .init(0x0400_0310, .x, dates: .c),  // Certified Timestamp
        .init(0x0400_0402, .x),  // Referenced Digital Signature Sequence
        .init(0x0400_0403, .x),  // Referenced SOP Instance MAC Sequence
        .init(0x0400_0404, .x),  // MAC
        .init(0x0400_0550, .x),  // Modified Attributes Sequence
        .init(0x0400_0551, .x),  // Nonconforming Modified Attributes Sequence
        .init(0x0400_0552, .x),  // Nonconforming Data Element Value
        .init(0x0400_0561, .x),  // Original Attributes Sequence
        .init(0x0400_0562, .d, dates: .c),  // Attribute Modification DateTime
        .init(0x0400_0563, .d),  // Modifying System
        .init(0x0400_0564, .z),  // Source of Previous Values
        .init(0x0400_0565, .d, descriptors: .c),  // Reason for the Attribute Modification
        .init(0x0400_0600, .x),  // Instance Origin Status
        .init(0x2030_0020, .x),  // Text String
        .init(0x2100_0040, .x, dates: .c),  // Creation Date
        .init(0x2100_0050, .x, dates: .c),  // Creation Time
        .init(0x2100_0070, .x),  // Originator
        .init(0x2100_0140, .d),  // Destination AE
        .init(0x2200_0002, .xz, descriptors: .c),  // Label Text
        .init(0x2200_0005, .xz),  // Barcode Value
        .init(0x3002_0121, .x, descriptors: .c),  // Position Acquisition Template Name
        .init(0x3002_0123, .x, descriptors: .c),  // Position Acquisition Template Description
        .init(0x3006_0002, .d, descriptors: .c),  // Structure Set Label
        .init(0x3006_0004, .x, descriptors: .c),  // Structure Set Name
        .init(0x3006_0006, .x, descriptors: .c),  // Structure Set Description
        .init(0x3006_0008, .z, dates: .c),  // Structure Set Date
        .init(0x3006_0009, .z, dates: .c),  // Structure Set Time
        .init(0x3006_0024, .u),  // Referenced Frame of Reference UID
        .init(0x3006_0026, .z, descriptors: .c),  // ROI Name
        .init(0x3006_0028, .x, descriptors: .c),  // ROI Description
        .init(0x3006_002D, .x, dates: .c),  // ROI DateTime
        .init(0x3006_002E, .x, dates: .c),  // ROI Observation DateTime
        .init(0x3006_0038, .x, descriptors: .c),  // ROI Generation Description
        .init(0x3006_004D, .x),  // ROI Creator Sequence
        .init(0x3006_004E, .x),  // ROI Interpreter Sequence
        .init(0x3006_0085, .x, descriptors: .c),  // ROI Observation Label
        .init(0x3006_0088, .x, descriptors: .c),  // ROI Observation Description
        .init(0x3006_00A6, .z),  // ROI Interpreter
        .init(0x3006_00C2, .u),  // Related Frame of Reference UID
        .init(0x3008_0024, .d, dates: .c),  // Treatment Control Point Date
        .init(0x3008_0025, .d, dates: .c),  // Treatment Control Point Time
        .init(0x3008_0054, .xd, dates: .c),  // First Treatment Date
        .init(0x3008_0056, .xd, dates: .c),  // Most Recent Treatment Date
        .init(0x3008_0105, .xz),  // Source Serial Number
        .init(0x3008_0162, .d, dates: .c),  // Safe Position Exit Date
        .init(0x3008_0164, .d, dates: .c),  // Safe Position Exit Time
        .init(0x3008_0166, .d, dates: .c),  // Safe Position Return Date
        .init(0x3008_0168, .d, dates: .c),  // Safe Position Return Time
        .init(0x3008_0250, .xd, dates: .c),  // Treatment Date
        .init(0x3008_0251, .xd, dates: .c),  // Treatment Time
        .init(0x300A_0002, .d, descriptors: .c),  // RT Plan Label
        .init(0x300A_0003, .x, descriptors: .c),  // RT Plan Name
        .init(0x300A_0004, .x, descriptors: .c),  // RT Plan Description
        .init(0x300A_0006, .xd, dates: .c),  // RT Plan Date
        .init(0x300A_0007, .xd, dates: .c),  // RT Plan Time
        .init(0x300A_000B, .x, descriptors: .c),  // Treatment Sites
        .init(0x300A_000E, .x, descriptors: .c),  // Prescription Description
        .init(0x300A_0013, .u),  // Dose Reference UID
        .init(0x300A_0016, .x, descriptors: .c),  // Dose Reference Description
        .init(0x300A_0072, .x, descriptors: .c),  // Fraction Group Description
        .init(0x300A_0083, .u),  // Referenced Dose Reference UID
        .init(0x300A_00B2, .xz),  // Treatment Machine Name
        .init(0x300A_00C3, .x, descriptors: .c),  // Beam Description
        .init(0x300A_00DD, .x, descriptors: .c),  // Bolus Description
        .init(0x300A_0196, .x, descriptors: .c),  // Fixation Device Description
        .init(0x300A_01A6, .x, descriptors: .c),  // Shielding Device Description
        .init(0x300A_01B2, .x, descriptors: .c),  // Setup Technique Description
        .init(0x300A_0216, .x),  // Source Manufacturer
        .init(0x300A_022C, .d, dates: .c),  // Source Strength Reference Date
        .init(0x300A_022E, .d, dates: .c),  // Source Strength Reference Time
        .init(0x300A_02EB, .x, descriptors: .c),  // Compensator Description
        .init(0x300A_0608, .d, descriptors: .c),  // Treatment Position Group Label
        .init(0x300A_0609, .u),  // Treatment Position Group UID
        .init(0x300A_0611, .z),  // RT Accessory Holder Slot ID
        .init(0x300A_0615, .z),  // RT Accessory Device Slot ID
        .init(0x300A_0619, .d, descriptors: .c),  // Radiation Dose Identification Label
        .init(0x300A_0623, .d, descriptors: .c),  // Radiation Dose In-Vivo Measurement Label
        .init(0x300A_062A, .d, descriptors: .c),  // RT Tolerance Set Label
        .init(0x300A_0650, .u),  // Patient Setup UID
        .init(0x300A_0676, .x, descriptors: .c),  // Equipment Frame of Reference Description
        .init(0x300A_067C, .d, descriptors: .c),  // Radiation Generation Mode Label
        .init(0x300A_067D, .z, descriptors: .c),  // Radiation Generation Mode Description
        .init(0x300A_0700, .u),  // Treatment Session UID
        .init(0x300A_0734, .d, descriptors: .c),  // Treatment Tolerance Violation Description
        .init(0x300A_0736, .d, dates: .c),  // Treatment Tolerance Violation DateTime
        .init(0x300A_073A, .d, dates: .c),  // Recorded RT Control Point DateTime
        .init(0x300A_0741, .d, dates: .c),  // Interlock DateTime
        .init(0x300A_0742, .d, descriptors: .c),  // Interlock Description
        .init(0x300A_0760, .d, dates: .c),  // Override DateTime
        .init(0x300A_0783, .d, descriptors: .c),  // Interlock Origin Description
        .init(0x300A_0785, .u),  // Referenced Treatment Position Group UID
        .init(0x300A_078E, .x, descriptors: .c),  // Patient Treatment Preparation Procedure Parameter Description
        .init(0x300A_0792, .x, descriptors: .c),  // Patient Treatment Preparation Method Description
        .init(0x300A_0794, .x, descriptors: .c),  // Patient Setup Photo Description
        .init(0x300A_079A, .x, descriptors: .c),  // Displacement Reference Label
        .init(0x300C_0113, .x, descriptors: .c),  // Reason for Omission Description
        .init(0x300C_0127, .d, dates: .c),  // Beam Hold Transition DateTime
        .init(0x300E_0004, .z, dates: .c),  // Review Date
        .init(0x300E_0005, .z, dates: .c),  // Review Time
        .init(0x300E_0008, .xz),  // Reviewer Name
        .init(0x3010_0006, .u),  // Conceptual Volume UID
        .init(0x3010_000B, .u),  // Referenced Conceptual Volume UID
        .init(0x3010_000F, .z, descriptors: .c),  // Conceptual Volume Combination Description
        .init(0x3010_0013, .u),  // Constituent Conceptual Volume UID
        .init(0x3010_0015, .u),  // Source Conceptual Volume UID
        .init(0x3010_0017, .z, descriptors: .c),  // Conceptual Volume Description
        .init(0x3010_001B, .z),  // Device Alternate Identifier
        .init(0x3010_002D, .d),  // Device Label
        .init(0x3010_0031, .u),  // Referenced Fiducials UID
        .init(0x3010_0033, .d, descriptors: .c),  // User Content Label
        .init(0x3010_0034, .d, descriptors: .c),  // User Content Long Label
        .init(0x3010_0035, .d, descriptors: .c),  // Entity Label
        .init(0x3010_0036, .x, descriptors: .c),  // Entity Name
        .init(0x3010_0037, .x, descriptors: .c),  // Entity Description
        .init(0x3010_0038, .d, descriptors: .c),  // Entity Long Label
        .init(0x3010_003B, .u),  // RT Treatment Phase UID
        .init(0x3010_0043, .z),  // Manufacturer's Device Identifier
        .init(0x3010_004C, .xd, dates: .c),  // Intended Phase Start Date
        .init(0x3010_004D, .xd, dates: .c),  // Intended Phase End Date
        .init(0x3010_0054, .d, descriptors: .c),  // RT Prescription Label
        .init(0x3010_0056, .xd, descriptors: .c),  // RT Treatment Approach Label
        .init(0x3010_005A, .z, descriptors: .c),  // RT Physician Intent Narrative
        .init(0x3010_005C, .z, descriptors: .c),  // Reason for Superseding
        .init(0x3010_0061, .x, descriptors: .c),  // Prior Treatment Dose Description
        .init(0x3010_006E, .u),  // Dosimetric Objective UID
        .init(0x3010_006F, .u),  // Referenced Dosimetric Objective UID
        .init(0x3010_0077, .xd, descriptors: .c),  // Treatment Site
        .init(0x3010_007A, .z, descriptors: .c),  // Treatment Technique Notes
        .init(0x3010_007B, .z, descriptors: .c),  // Prescription Notes
        .init(0x3010_007F, .z, descriptors: .c),  // Fractionation Notes
        .init(0x3010_0081, .z, descriptors: .c),  // Prescription Notes Sequence
        .init(0x3010_0085, .x, dates: .c),  // Intended Fraction Start Time
        .init(0x4000_0010, .x),  // Arbitrary
        .init(0x4000_4000, .x),  // Text Comments
        .init(0x4008_0040, .x),  // Results ID
        .init(0x4008_0042, .x),  // Results ID Issuer
        .init(0x4008_0100, .x, dates: .c),  // Interpretation Recorded Date
        .init(0x4008_0101, .x, dates: .c),  // Interpretation Recorded Time
        .init(0x4008_0102, .x),  // Interpretation Recorder
        .init(0x4008_0108, .x, dates: .c),  // Interpretation Transcription Date
        .init(0x4008_0109, .x, dates: .c),  // Interpretation Transcription Time
        .init(0x4008_010A, .x),  // Interpretation Transcriber
        .init(0x4008_010B, .x, descriptors: .c),  // Interpretation Text
        .init(0x4008_010C, .x),  // Interpretation Author
        .init(0x4008_0111, .x),  // Interpretation Approver Sequence
        .init(0x4008_0112, .x, dates: .c),  // Interpretation Approval Date
        .init(0x4008_0113, .x, dates: .c),  // Interpretation Approval Time
        .init(0x4008_0114, .x),  // Physician Approving Interpretation
        .init(0x4008_0115, .x, descriptors: .c),  // Interpretation Diagnosis Description
        .init(0x4008_0118, .x),  // Results Distribution List Sequence
        .init(0x4008_0119, .x),  // Distribution Name
        .init(0x4008_011A, .x),  // Distribution Address
        .init(0x4008_0200, .x),  // Interpretation ID
        .init(0x4008_0202, .x),  // Interpretation ID Issuer
        .init(0x4008_0300, .x, descriptors: .c),  // Impressions
        .init(0x4008_4000, .x, descriptors: .c),  // Results Comments
        .init(0x5000_0000, mask: 0xFF00_0000, .x),  // Curve Data
        .init(0x6000_3000, mask: 0xFF00_FFFF, .x),  // Overlay Data
        .init(0x6000_4000, mask: 0xFF00_FFFF, .x),  // Overlay Comments
        .init(0xFFFA_FFFA, .x),  // Digital Signatures Sequence
        .init(0xFFFC_FFFC, .x),  // Data Set Trailing Padding
    ]
}
