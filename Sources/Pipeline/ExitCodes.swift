import Analysis
import Foundation
import Ingest
import Reporting
import Segmentation

/// The exit code a command ends with for an error: 65 for bad input, 73 for an output that could
/// not be written, 70 for anything else (a bug).
public func exitCode(for error: Error) -> Int32 {
    switch error {
    case is IngestError, is SegmentationError, is AnalysisError: return 65
    case let error as PipelineError:
        switch error {
        case .invalidPipeline, .unreadablePipeline, .notComparable, .unknownRun, .notOwnRun, .statisticsDropped, .badShard, .noStoredRuns: return 65
        case .outputFailed, .storeFailed: return 73
        case .locked: return 75
        }
    case ReportingError.cannotWriteFile: return 73
    case ReportingError.cannotReadDocument, ReportingError.notDocBook, ReportingError.missingImage: return 65
    case ReportingError.toolMissing, ReportingError.stylesheetNotFound: return 69
    default: return 70
    }
}
