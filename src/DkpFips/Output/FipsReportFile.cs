namespace DkpFips
{
    /// <summary>What Export-DkpFipsReport -PassThru wrote: the file and the verdicts in it.</summary>
    public sealed class FipsReportFile
    {
        internal FipsReportFile(string path, string format, int targetCount, int compliantCount, int checkCount, int failedCheckCount)
        {
            Path = path;
            Format = format;
            TargetCount = targetCount;
            CompliantCount = compliantCount;
            CheckCount = checkCount;
            FailedCheckCount = failedCheckCount;
        }

        /// <summary>The full path of the report file.</summary>
        public string Path { get; }

        /// <summary>JUnit, Markdown or Html.</summary>
        public string Format { get; }

        public int TargetCount { get; }

        public int CompliantCount { get; }

        /// <summary>True when every target in the report is compliant.</summary>
        public bool IsCompliant => TargetCount > 0 && CompliantCount == TargetCount;

        public int CheckCount { get; }

        /// <summary>Checks that failed or could not be made.</summary>
        public int FailedCheckCount { get; }

        public override string ToString() => $"{Path} ({Format}): {CompliantCount} of {TargetCount} targets compliant";
    }
}
