using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using DkpFips.Core.Aws;
using DkpFips.Core.AzureDevOps;
using DkpFips.Core.Errors;
using DkpFips.Core.Process;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// The cmdlet side of <see cref="ToolRunner"/>: where a tool's logs go, the options of its
    /// run, and events turned into streams only while the pipeline is not stopping.
    /// </summary>
    public abstract partial class DkpFipsCmdlet
    {
        // Profiles found in the shared files, and credential sources already named in verbose output, by this invocation.
        private readonly HashSet<string> checkedProfiles = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> writtenSources = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>-LogDirectory resolved like any PowerShell path; default a DkpFips/logs folder under the temp folder.</summary>
        private protected string LogFolder(string? logDirectory) => logDirectory is null
            ? Path.Combine(Path.GetTempPath(), "DkpFips", "logs")
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(logDirectory);

        /// <summary>The time stamp in the names of one invocation's log files.</summary>
        private protected static string LogStamp() => DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A run's options: -TimeoutSec (0 for no limit), its working folder (default the current location) and log file.</summary>
        private protected ProcessRunOptions RunOptions(int timeoutSec, string logPath, string? workingDirectory = null) => new ProcessRunOptions
        {
            Timeout = timeoutSec > 0 ? TimeSpan.FromSeconds(timeoutSec) : (TimeSpan?)null,
            WorkingDirectory = workingDirectory ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            LogPath = logPath,
        };

        /// <summary>
        /// The AWS credentials a tool run uses (-AwsCredential, -SessionToken, -ProfileName,
        /// checked by the same rules and words as Test-FipsAmi's); null after an error record.
        /// A bad combination is a bad invocation (terminating) unless this record came from the
        /// pipeline, whose -AwsCredential may differ per record: then the record is refused and
        /// the batch goes on. With <paramref name="checkProfile"/> (a run, not a plan), a profile
        /// the shared files do not have is refused too, before anything runs.
        /// </summary>
        private protected AwsToolCredentials? ToolAwsCredentials(PSCredential? credential, SecureString? sessionToken, string? profileName, bool checkProfile, string? record = null)
        {
            AwsToolCredentials credentials;
            try
            {
                credentials = CheckedAwsCredentials(credential, sessionToken, profileName);
            }
            catch (DkpFipsException ex)
            {
                RefuseAwsCredentials(new ArgumentException(Prefixed(record, ex.Message), ex), ex.Kind, ex.Target, null);
                return null;
            }

            if (checkProfile && credentials.ProfileName is { } profile && !checkedProfiles.Contains(profile))
            {
                if (credentials.ProfileProblem() is { } problem)
                {
                    RefuseAwsCredentials(new ItemNotFoundException(Prefixed(record, problem + " Nothing was run.")), ErrorKind.AwsCredentialsNotFound, profile,
                        "Name a profile of the shared files (aws configure list-profiles), or set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE to the files that have it.");
                    return null;
                }

                checkedProfiles.Add(profile);
            }

            if (writtenSources.Add(credentials.Source))
            {
                WriteVerbose("AWS credentials: " + credentials.Source + ".");
            }

            return credentials;
        }

        /// <summary>
        /// The AWS credential parameters as the engine checks them (the one conversion, for
        /// Test-FipsAmi and the cmdlets that run tools); throws <see cref="DkpFipsException"/>.
        /// </summary>
        private protected static AwsToolCredentials CheckedAwsCredentials(PSCredential? credential, SecureString? sessionToken, string? profileName)
        {
            var given = credential is not null && credential != PSCredential.Empty;
            return AwsToolCredentials.Create(
                given ? credential!.UserName ?? string.Empty : null,
                given ? Password(credential) ?? string.Empty : null,
                Reveal(sessionToken),
                profileName);
        }

        // A record from the pipeline is named; a single invocation gets Test-FipsAmi's words as they are.
        private string Prefixed(string? record, string message) => string.IsNullOrEmpty(record) || !MyInvocation.ExpectingInput ? message : $"Cluster '{record}': {message}";

        private void RefuseAwsCredentials(Exception exception, ErrorKind kind, object? target, string? recommendedAction)
        {
            if (MyInvocation.ExpectingInput)
            {
                WriteError(exception, kind, target, recommendedAction);
            }
            else
            {
                ThrowTerminatingError(exception, kind, target, recommendedAction);
            }
        }

        /// <summary>A SecureString's text, for the AWS SDK or a tool's environment (never shown); null for null.</summary>
        private protected static string? Reveal(SecureString? secure)
        {
            if (secure is null)
            {
                return null;
            }

            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>A credential's password in clear text, for a tool that needs it (its plan masks it); null without a credential.</summary>
        private protected static string? Password(PSCredential? credential) =>
            credential is null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential().Password;

        /// <summary>On an Azure Pipelines agent, a run's log file as one collapsible group of the task log.</summary>
        private protected void WriteAgentLogGroup(string title, string? logPath)
        {
            WriteAgentLine(AzureDevOpsLog.BeginGroup(title));
            if (logPath is not null && File.Exists(logPath))
            {
                foreach (var line in File.ReadAllLines(logPath))
                {
                    WriteAgentLine(AzureDevOpsLog.Neutralize(line));
                }
            }

            WriteAgentLine(AzureDevOpsLog.EndGroup);
        }

        /// <summary>Runs a batch; <paramref name="report"/> turns each event into streams, and is not called once the pipeline is stopping.</summary>
        private protected void RunTools(IReadOnlyList<BatchItem> items, int throttleLimit, Action<BatchEvent> report, Action<BatchItem, ProcessRunResult>? onFinished = null) =>
            ToolRunner.Run(items, throttleLimit, CancellationToken, e =>
            {
                if (!Stopping)
                {
                    report(e);
                }
            }, onFinished);

        /// <summary>Runs a batch as one progress activity (id and activity of its records), marked completed when the batch ends unless the pipeline is stopping.</summary>
        private protected void RunTools(IReadOnlyList<BatchItem> items, int throttleLimit, (int Id, string Activity) progress, Action<BatchEvent> report, Action<BatchItem, ProcessRunResult>? onFinished = null)
        {
            try
            {
                RunTools(items, throttleLimit, report, onFinished);
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        /// <summary>Runs one command as one progress activity, like the batch form; returns how it ended.</summary>
        private protected ProcessRunResult RunTool(BatchItem item, (int Id, string Activity) progress, Action<BatchEvent> report)
        {
            try
            {
                return RunTool(item, report);
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        private void CompleteProgress((int Id, string Activity) progress)
        {
            if (!Stopping)
            {
                WriteProgress(new ProgressRecord(progress.Id, progress.Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>Runs one command and returns how it ended; a stopped pipeline stops it and ends the command.</summary>
        private protected ProcessRunResult RunTool(BatchItem item, Action<BatchEvent> report)
        {
            var result = ToolRunner.RunOne(item, CancellationToken, e =>
            {
                if (!Stopping)
                {
                    report(e);
                }
            });
            if (Stopping)
            {
                throw new PipelineStoppedException();
            }

            return result;
        }
    }
}
