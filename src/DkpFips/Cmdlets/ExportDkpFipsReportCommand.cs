using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Writes the results of the DkpFips checks to a JUnit, Markdown or HTML compliance report.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "DkpFipsReport", SupportsShouldProcess = true, HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Export-DkpFipsReport.md")]
    [OutputType(typeof(FipsReportFile))]
    public sealed class ExportDkpFipsReportCommand : DkpFipsCmdlet
    {
        private readonly List<EvidenceTarget> targets = new List<EvidenceTarget>();
        private string fullPath = string.Empty;

        // The chosen format is kept by name: a field of an engine type would make PowerShell load the
        // engine while it reads the cmdlet classes at import, before the module's resolver is in place.
        private string formatName = string.Empty;

        /// <summary>Results of Test-FipsAmi, Test-DkpFipsCluster, Test-FipsBuild, New-DkpFipsCluster or Update-DkpFipsCluster (live, or brought back by Import-Clixml).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The report file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>JUnit, Markdown or Html; by default the one the extension of -Path names (.xml, .md, .html).</summary>
        [Parameter]
        [ValidateSet(nameof(ReportFormat.JUnit), nameof(ReportFormat.Markdown), nameof(ReportFormat.Html))]
        public string? Format { get; set; }

        /// <summary>The report's title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = EvidenceReport.DefaultTitle;

        /// <summary>The catalog files the checks used (besides DKPFIPS_CATALOG_PATH), named in the report with their SHA-256.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CatalogPath { get; set; }

        /// <summary>Fails instead of replacing an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>On an Azure Pipelines agent, attaches the Markdown report to the run's summary (##vso[task.uploadsummary]).</summary>
        [Parameter]
        public SwitchParameter UploadSummary { get; set; }

        /// <summary>Writes a DkpFips.FipsReportFile describing the report.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Core.Process.CommandLineText.IndexOfControl(Path) >= 0)
            {
                ThrowTerminatingError(new ArgumentException($"-Path '{Core.Process.CommandLineText.Visible(Path)}' contains a control character; a file name cannot."),
                    ErrorKind.ReportWriteFailed, Core.Process.CommandLineText.Visible(Path));
            }

            fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(fullPath))
            {
                ThrowTerminatingError(new IOException($"-Path '{Path}' is a directory; give the path of the report file in it (for example {System.IO.Path.Combine(Path, "fips-report.html")})."),
                    ErrorKind.ReportWriteFailed, fullPath);
            }
            var chosen = Format is null ? ReportFormats.FromExtension(fullPath) : (ReportFormat)Enum.Parse(typeof(ReportFormat), Format, ignoreCase: true);
            if (chosen is null)
            {
                ThrowTerminatingError(new ArgumentException($"Cannot tell the report format from '{Path}': give -Format JUnit, Markdown or Html, or end the file name in .xml, .md or .html."),
                    ErrorKind.ReportFormatUnknown, Path);
            }

            formatName = chosen!.Value.ToString();
            if (UploadSummary && chosen != ReportFormat.Markdown)
            {
                ThrowTerminatingError(new ArgumentException($"-UploadSummary attaches Markdown to the run summary; this report is {formatName}. Use -Format Markdown (or a .md file)."),
                    ErrorKind.ReportFormatUnknown, formatName);
            }

            var directory = System.IO.Path.GetDirectoryName(fullPath);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                ThrowTerminatingError(new DirectoryNotFoundException($"The folder of the report '{fullPath}' does not exist."),
                    ErrorKind.ReportDirectoryNotFound, fullPath, "Create the folder first, e.g. New-Item -ItemType Directory.");
            }

            if (NoClobber && File.Exists(fullPath))
            {
                ThrowTerminatingError(new IOException($"The report '{fullPath}' exists and -NoClobber was given."),
                    ErrorKind.ReportFileExists, fullPath, "Choose another -Path or leave out -NoClobber.");
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            EvidenceTarget? target;
            try
            {
                target = EvidenceReader.Read(InputObject);
            }
            catch (InvalidDataException ex)
            {
                WriteError(ex, ErrorKind.ReportInputIncomplete, InputObject, "Save results with Export-Clixml -Depth 5, or pipe the live results.");
                return;
            }

            if (target is null)
            {
                WriteError(new ArgumentException($"Export-DkpFipsReport cannot report a {InputObject.TypeNames.FirstOrDefault() ?? "null"}: it takes the results of " +
                    "Test-FipsAmi, Test-DkpFipsCluster, Test-FipsBuild, New-DkpFipsCluster and Update-DkpFipsCluster (not -Quiet booleans, not single checks)."),
                    ErrorKind.UnsupportedReportInput, InputObject);
                return;
            }

            targets.Add(target);
        }

        protected override void EndProcessing()
        {
            if (targets.Count == 0)
            {
                ThrowTerminatingError(new ArgumentException($"There is nothing to report: no check results reached Export-DkpFipsReport. '{fullPath}' was not written."),
                    ErrorKind.NoReportInput, fullPath);
            }

            var version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(ExportDkpFipsReportCommand).Assembly.GetName().Version.ToString(3);
            var report = new EvidenceReport(Title, targets, DateTimeOffset.UtcNow, version, CatalogProvenance.Describe(version, CatalogFiles(CatalogPath)));

            if (!ShouldProcess(fullPath, $"Write a {formatName} report of {targets.Count} target(s)"))
            {
                return;
            }

            WriteAtomically(report);
            WriteVerbose($"Wrote {formatName} report '{fullPath}': {report.CompliantCount} of {targets.Count} targets compliant.");
            if (UploadSummary)
            {
                WriteAgentLine(AzureDevOpsLog.UploadSummary(fullPath));
            }

            if (PassThru)
            {
                WriteObject(new FipsReportFile(fullPath, formatName, targets.Count, report.CompliantCount, report.CheckCount, report.ProblemCount));
            }
        }

        // A report half-written by a crash or Ctrl+C would look like evidence; write aside, then swap in.
        private void WriteAtomically(EvidenceReport report)
        {
            var temporary = fullPath + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
                {
                    ReportFormats.Write(report, (ReportFormat)Enum.Parse(typeof(ReportFormat), formatName), writer);
                }

                if (File.Exists(fullPath))
                {
                    File.Replace(temporary, fullPath, null);
                }
                else
                {
                    File.Move(temporary, fullPath);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                File.Delete(temporary);
                ThrowTerminatingError(new IOException($"The report '{fullPath}' could not be written: {ex.Message}", ex),
                    ErrorKind.ReportWriteFailed, fullPath);
            }
        }
    }
}
