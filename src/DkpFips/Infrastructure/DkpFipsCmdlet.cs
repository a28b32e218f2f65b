using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Evidence;
using DkpFips.Core.Process;
using DkpFips.Core.Text;
using DkpFips.Core.Versioning;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Shared policy for every DkpFips cmdlet: cancellation tied to Ctrl+C (StopProcessing),
    /// error records with stable ErrorIds, and, on an Azure Pipelines agent (TF_BUILD=True),
    /// the same failures as logging commands. Cmdlets derive from it and stay thin.
    /// </summary>
    public abstract partial class DkpFipsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private readonly Dictionary<string, string> resolvedTools = new Dictionary<string, string>(StringComparer.Ordinal);
        private bool disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => cancellation.Token;

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>A per-item failure: the pipeline goes on.</summary>
        protected void WriteError(Exception exception, ErrorKind kind, object? target, string? recommendedAction = null)
        {
            WritePipelineIssue(isError: true, exception.Message, ErrorMap.ErrorId(kind));
            WriteError(ErrorMap.Record(exception, kind, target, recommendedAction));
        }

        /// <summary>An engine failure for one item, as the engine described it (its kind, target and remedy).</summary>
        protected void WriteError(DkpFipsException exception, string? recommendedAction = null) =>
            WriteError(exception, exception.Kind, exception.Target, recommendedAction ?? exception.RecommendedAction);

        /// <summary>A failure of the whole invocation: nothing further runs.</summary>
        protected void ThrowTerminatingError(Exception exception, ErrorKind kind, object? target, string? recommendedAction = null)
        {
            WritePipelineIssue(isError: true, exception.Message, ErrorMap.ErrorId(kind));
            ThrowTerminatingError(ErrorMap.Record(exception, kind, target, recommendedAction));
        }

        /// <summary>The Kubernetes version in <paramref name="text"/>, or null after writing why it is none.</summary>
        private protected FipsVersion? ParseVersionOrWriteError(string? text)
        {
            try
            {
                return FipsBuildSelector.Parse(text);
            }
            catch (BuildSelectionException ex)
            {
                WriteError(ex);
                return null;
            }
        }

        /// <summary>
        /// The catalog this command sees (built-in rows, DKPFIPS_CATALOG_PATH, then
        /// <paramref name="catalogPaths"/>, resolved like any PowerShell path). A file that cannot
        /// be used is a non-terminating error; the built-in catalog and the other files still load.
        /// </summary>
        private protected FipsCatalog LoadCatalog(IEnumerable<string>? catalogPaths)
        {
            var result = FipsCatalog.Load(CatalogFiles(catalogPaths));
            foreach (var error in result.Errors)
            {
                WriteError(
                    error,
                    "Fix the file at the line and column shown, or leave it out; the built-in catalog and the other files are still used.");
            }

            return result.Catalog;
        }

        /// <summary>The user catalog files this command sees: DKPFIPS_CATALOG_PATH's, then <paramref name="catalogPaths"/> resolved like any PowerShell path.</summary>
        private protected IReadOnlyList<string> CatalogFiles(IEnumerable<string>? catalogPaths) =>
            CatalogSession.Files(catalogPaths?.Select(path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)));

        /// <summary>A path given (null, empty or blank: none), resolved like any PowerShell path.</summary>
        private protected string? GivenPath(string? given) =>
            GivenText.OrNull(given) is { } path ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : null;

        /// <summary>
        /// A program to run: <paramref name="given"/> (a path, ~ allowed, or a name on PATH) or else the
        /// first of <paramref name="defaults"/> found on PATH. Null when none is found.
        /// </summary>
        private string? FindProgram(string? given, string[] defaults)
        {
            var location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            if (string.IsNullOrWhiteSpace(given))
            {
                return ExecutableLocator.Find(defaults, null, location);
            }

            var wanted = given!.Trim();
            var resolved = wanted.StartsWith("~", StringComparison.Ordinal) ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(wanted) : wanted;
            return ExecutableLocator.Find(resolved, null, location);
        }

        /// <summary>
        /// A program the command runs (<paramref name="given"/>: a path, ~ allowed, or a name on
        /// PATH; else the first of the tool's names on PATH): the one rule for dkp, konvoy-image
        /// and kubectl. When <paramref name="required"/> and it is missing, the command stops
        /// before anything runs, or, for a tool only a later step needs (not
        /// <paramref name="stopsCommand"/>), that step's error is written and null returned. A
        /// plan only names it. Each program is looked up once per command (a batch of a hundred
        /// rows searches PATH once).
        /// </summary>
        private protected string? ResolveTool(ToolProgram tool, string? given, bool required, bool stopsCommand = true)
        {
            var wanted = GivenText.OrNull(given);
            var key = tool.Names[0] + "\0" + wanted;
            if (resolvedTools.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var found = FindProgram(wanted, tool.Names);
            if (found is null && required)
            {
                var missing = new FileNotFoundException(wanted is null ? tool.NotOnPath : string.Format(CultureInfo.InvariantCulture, tool.NotFoundAt, wanted));
                if (stopsCommand)
                {
                    ThrowTerminatingError(missing, tool.NotFoundKind, wanted ?? tool.Names[0], tool.Action);
                }

                WriteError(missing, tool.NotFoundKind, wanted ?? tool.Names[0], tool.Action);
                return null;
            }

            return resolvedTools[key] = found ?? wanted ?? tool.Names[0];
        }

        /// <summary>
        /// A failed run of a tool as an error record: one wording (from the engine) for every
        /// cmdlet, with the tool's own kind for each way a run can fail.
        /// </summary>
        private protected void WriteProcessFailure(ProcessFailure failure, ToolFailureKinds kinds, object? target, string executableParameter) =>
            WriteError(
                failure.ToException(),
                kinds.For(failure.Kind),
                target,
                failure.Kind == ProcessFailureKind.StartFailed ? $"Check {executableParameter}: the file must exist and be executable." : null);

        /// <summary>
        /// On an Azure Pipelines agent, every failed check of a result (and every warning) also
        /// becomes a logging command, so it shows in the run's summary next to the output objects.
        /// Checks that could not be made are not repeated: the cmdlets write those as errors, which
        /// are logged already. Off the agent this does nothing (and costs nothing).
        /// </summary>
        protected void ReportFailedChecks(object output)
        {
            if (!IsAzurePipelinesAgent || EvidenceReader.Read(PSObject.AsPSObject(output)) is not { } target)
            {
                return;
            }

            foreach (var check in target.Checks.Where(c => c.Status == CheckStatus.Failed || c.Status == CheckStatus.Warning))
            {
                var subject = check.Target is null ? string.Empty : " " + check.Target;
                WritePipelineIssue(check.Status == CheckStatus.Failed, $"{target.Kind} {target.Name}: {check.Name}{subject}: {check.Message}", check.Name);
            }
        }

        /// <summary>True on an Azure Pipelines agent (TF_BUILD=True).</summary>
        protected static bool IsAzurePipelinesAgent => AzureDevOpsLog.IsAgent(Environment.GetEnvironmentVariable);

        /// <summary>
        /// Writes one raw line to the task log, on the agent only. Like Write-Host it goes through
        /// the information stream tagged PSHOST: the host prints it, and callers can capture it.
        /// </summary>
        protected void WriteAgentLine(string line)
        {
            if (IsAzurePipelinesAgent)
            {
                WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
            }
        }

        private void WritePipelineIssue(bool isError, string message, string code) =>
            WriteAgentLine(AzureDevOpsLog.LogIssue(isError, message, code));

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposed && disposing)
            {
                cancellation.Dispose();
            }

            disposed = true;
        }
    }
}
