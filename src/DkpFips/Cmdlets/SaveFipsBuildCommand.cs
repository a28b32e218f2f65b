using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Saves every image of a FIPS build, all platforms, into one OCI image-layout archive for an air-gapped site.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "FipsBuild", DefaultParameterSetName = BuildSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Save-FipsBuild.md")]
    [OutputType(typeof(FipsBuildArchive))]
    public sealed class SaveFipsBuildCommand : BuildImagesCmdlet
    {
        /// <summary>The archive to write (a .tar file).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            if (Builds.Count == 0)
            {
                return;
            }

            var fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var directory = System.IO.Path.GetDirectoryName(fullPath);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                ThrowTerminatingError(new DirectoryNotFoundException($"The folder of {fullPath} does not exist."), ErrorKind.ImageArchiveWriteFailed, fullPath);
            }

            if (File.Exists(fullPath) && !Force)
            {
                ThrowTerminatingError(new IOException($"{fullPath} exists; add -Force to replace it."), ErrorKind.ImageArchiveExists, fullPath,
                    "Choose another -Path or add -Force.");
            }

            // Each image once, named by the build's own reference (docker.io/mesosphere/...:tag)
            // whichever registry it is read from.
            var images = Builds
                .SelectMany(b => FipsBuildRegistryChecker.Locate(b.Build, b.Source, IncludeUpstream))
                .GroupBy(i => i.Image.ToString(), StringComparer.Ordinal)
                .Select(g => (Source: g.First().Location, Reference: g.Key))
                .ToArray();
            var versions = Builds.Select(b => b.Build.KubernetesVersion.ToKubernetesFlag()).Distinct().ToArray();
            if (!ShouldProcess(fullPath, $"Save {images.Length} image(s) of {string.Join(", ", versions)}"))
            {
                return;
            }

            var partial = fullPath + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var client = new RegistryClient(NewOptions(Credential));
            var archiver = new ImageArchiver(client);
            try
            {
                System.Collections.Generic.IReadOnlyList<ArchivedImage> saved;
                using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: false))
                {
                    var task = archiver.SaveAsync(images, file, CancellationToken);
                    var progress = new ProgressRecord(3, "Save-FipsBuild", "Saving to " + fullPath);
                    while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(250))
                    {
                        progress.StatusDescription = $"{archiver.BytesWritten / (1024 * 1024)} MiB of blobs written";
                        WriteProgress(progress);
                    }

                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                    var (ok, failed) = Await(task);
                    foreach (var (image, error) in failed)
                    {
                        WriteTransferError(error, image.Reference);
                    }

                    if (failed.Count > 0)
                    {
                        WriteVerbose($"No archive written: {failed.Count} image(s) could not be read.");
                        return;
                    }

                    saved = ok;
                }

                if (File.Exists(fullPath))
                {
                    File.Delete(fullPath);
                }

                File.Move(partial, fullPath);
                WriteObject(new FipsBuildArchive(fullPath, new FileInfo(fullPath).Length, versions, saved.ToArray()));
            }
            catch (RegistryTransferException ex)
            {
                WriteTransferError(ex, fullPath);
            }
            catch (IOException ex)
            {
                WriteError(ex, ErrorKind.ImageArchiveWriteFailed, fullPath);
            }
            catch (UnauthorizedAccessException ex)
            {
                WriteError(ex, ErrorKind.ImageArchiveWriteFailed, fullPath);
            }
            finally
            {
                // A partial archive never stays behind, and never under the final name.
                if (File.Exists(partial))
                {
                    File.Delete(partial);
                }
            }
        }
    }
}
