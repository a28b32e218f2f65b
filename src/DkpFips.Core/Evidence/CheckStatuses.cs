using DkpFips.Core.Process;
using DkpFips.Core.Registry;

namespace DkpFips.Core.Evidence
{
    /// <summary>How the verdicts of registries and tool runs read in the one check vocabulary.</summary>
    public static class CheckStatuses
    {
        /// <summary>A missing image fails the build; a refusal or no answer means the check could not be made.</summary>
        public static CheckStatus FromImage(ImageCheckStatus status) => status switch
        {
            ImageCheckStatus.Present => CheckStatus.Passed,
            ImageCheckStatus.Missing => CheckStatus.Failed,
            ImageCheckStatus.PlatformMissing => CheckStatus.Failed,
            _ => CheckStatus.Error,
        };

        /// <summary>A run that did not succeed (failed, cancelled, timed out) is a failed check; a skipped run is skipped.</summary>
        public static CheckStatus FromRun(RunStatus status) => status switch
        {
            RunStatus.Succeeded => CheckStatus.Passed,
            RunStatus.Skipped => CheckStatus.Skipped,
            _ => CheckStatus.Failed,
        };
    }
}
