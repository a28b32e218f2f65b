using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DkpFips.Completion;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Pushes an OCI image-layout archive of a FIPS build (from Save-FipsBuild) to a registry, digests kept.</para>
    /// </summary>
    [Cmdlet(VerbsData.Publish, "FipsBuild", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Publish-FipsBuild.md")]
    [OutputType(typeof(FipsImageCopy))]
    public sealed class PublishFipsBuildCommand : RegistryCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string ArchiveSet = "Archive";

        /// <summary>The archive to publish, a file path.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// The archive to publish, taken as written; Get-ChildItem's files bind here by PSPath. Not
        /// by a property named Path: another object's Path (a report file) is not an archive.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>An archive Save-FipsBuild wrote, from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ArchiveSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public FipsBuildArchive? Archive { get; set; }

        /// <summary>The registry namespace to push to (host[:port]/namespace).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Registry { get; set; }

        private RegistryReference? registry;

        protected override void BeginProcessing()
        {
            registry = ParseRegistry(Registry!, nameof(Registry), terminating: true);
        }

        protected override void ProcessRecord()
        {
            var fullPath = ParameterSetName switch
            {
                ArchiveSet => Archive!.Path,
                LiteralPathSet => SessionState.Path.GetUnresolvedProviderPathFromPSPath(LiteralPath),
                _ => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path),
            };
            if (!File.Exists(fullPath))
            {
                WriteError(new FileNotFoundException($"The archive {fullPath} does not exist.", fullPath), ErrorKind.ImageArchiveNotFound, fullPath);
                return;
            }

            if (!ShouldProcess(registry!.ToString(), "Publish the images of " + fullPath))
            {
                return;
            }

            using var client = new RegistryClient(NewOptions(Credential));
            var publisher = new ArchivePublisher(client);
            try
            {
                var task = publisher.PublishAsync(fullPath, registry, CancellationToken);
                var progress = new ProgressRecord(4, "Publish-FipsBuild", "Publishing " + fullPath + " to " + registry);
                while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(250))
                {
                    progress.StatusDescription = $"{publisher.BytesCopied / (1024 * 1024)} MiB of blobs sent";
                    WriteProgress(progress);
                }

                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                foreach (var result in Await(task))
                {
                    var output = new FipsImageCopy(null, result.Destination.Repository.Split('/').Last(), result.Destination.Tag, result);
                    WriteVerbose($"{output.Source} -> {output.Destination}: {output.Status} {output.Digest}");
                    if (result.Status == ImageCopyStatus.Failed)
                    {
                        WriteError(new InvalidOperationException(result.Message), result.Failure ?? ErrorKind.RegistryRequestFailed, output.Source);
                    }

                    WriteObject(output);
                }
            }
            catch (RegistryTransferException ex)
            {
                WriteTransferError(ex, fullPath);
            }
            catch (IOException ex)
            {
                WriteError(ex, ErrorKind.ImageArchiveInvalid, fullPath);
            }
        }
    }
}
