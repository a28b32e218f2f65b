using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Copies every image of a FIPS build, all platforms, byte for byte to another registry.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "FipsBuild", DefaultParameterSetName = BuildSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Copy-FipsBuild.md")]
    [OutputType(typeof(FipsImageCopy))]
    public sealed class CopyFipsBuildCommand : BuildImagesCmdlet
    {
        private RegistryReference? destination;

        /// <summary>The registry namespace to copy to (host[:port]/namespace).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>User name and password for the destination registry (one that may push).</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? DestinationCredential { get; set; }

        /// <summary>Images copied at the same time, and blobs transferred at the same time across them.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            destination = ParseRegistry(Destination!, nameof(Destination), terminating: true);
        }

        protected override void EndProcessing()
        {
            if (Builds.Count == 0)
            {
                return;
            }

            // Ask (for -WhatIf and -Confirm) here, on the pipeline thread, before anything is sent.
            var plans = ImageCopyPlan.For(Builds, destination!, IncludeUpstream)
                .Where(p => ShouldProcess(p.Destination.Reference, "Copy " + p.Source.Reference))
                .ToArray();
            if (plans.Length == 0)
            {
                return;
            }

            using var sourceClient = new RegistryClient(NewOptions(Credential));
            using var destinationClient = new RegistryClient(NewOptions(DestinationCredential));
            var copier = new ImageCopier(sourceClient, destinationClient, ThrottleLimit);
            using var finished = new BlockingCollection<(ImageCopyPlan Plan, ImageCopyResult Result)>();
            using var gate = new SemaphoreSlim(ThrottleLimit);
            var work = Task.WhenAll(plans.Select(plan => CopyGatedAsync(copier, plan, gate, finished)))
                .ContinueWith(_ => finished.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            var progress = new ProgressRecord(2, "Copy-FipsBuild", "Copying to " + destination);
            var done = 0;
            while (!finished.IsCompleted)
            {
                if (finished.TryTake(out var item, 250))
                {
                    done++;
                    Report(item.Plan, item.Result);
                }

                progress.StatusDescription = $"{done} of {plans.Length} images, {copier.BytesCopied / (1024 * 1024)} MiB sent";
                progress.PercentComplete = done * 100 / plans.Length;
                WriteProgress(progress);
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            try
            {
                work.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            if (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            WriteVerbose($"{sourceClient.RequestCount} request(s) to the source, {destinationClient.RequestCount} to the destination; {copier.BytesCopied} bytes sent.");
        }

        private async Task CopyGatedAsync(ImageCopier copier, ImageCopyPlan plan, SemaphoreSlim gate, BlockingCollection<(ImageCopyPlan, ImageCopyResult)> finished)
        {
            try
            {
                await gate.WaitAsync(CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var result = await copier.CopyAsync(plan.Source, plan.Destination, CancellationToken).ConfigureAwait(false);
                finished.Add((plan, result));
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: EndProcessing stops the pipeline once every copy has let go.
            }
            finally
            {
                gate.Release();
            }
        }

        private void Report(ImageCopyPlan plan, ImageCopyResult result)
        {
            var output = new FipsImageCopy(plan, result);
            WriteVerbose($"{output.Source} -> {output.Destination}: {output.Status} {output.Digest} ({output.BlobsCopied} blob(s) copied, {output.BlobsMounted} mounted, {output.BlobsPresent} present, {output.BytesCopied} bytes)");
            if (result.Status == ImageCopyStatus.Failed)
            {
                WriteError(new InvalidOperationException(result.Message), result.Failure ?? ErrorKind.RegistryRequestFailed, output.Source);
            }

            WriteObject(output);
        }
    }
}
