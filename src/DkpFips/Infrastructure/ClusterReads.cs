using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Core.Cluster;

namespace DkpFips.Infrastructure
{
    /// <summary>The cluster cmdlets' reads of a cluster: one reader, one way a read fails.</summary>
    public abstract partial class DkpFipsCmdlet
    {
        private IClusterReader? clusterReader;

        /// <summary>The cluster reader (DkpFips.Kubernetes); on Windows PowerShell 5.1 the command stops here with RequiresPowerShell7.</summary>
        private protected IClusterReader ClusterReader
        {
            get
            {
                if (clusterReader is null)
                {
                    var unsupported = KubernetesRuntime.CheckSupported(MyInvocation.MyCommand.Name);
                    if (unsupported is not null)
                    {
                        ThrowTerminatingError(unsupported);
                    }

                    clusterReader = KubernetesRuntime.CreateReader();
                }

                return clusterReader;
            }
        }

        /// <summary>
        /// A call into the engine that waits for reads on this thread: a stopped pipeline cancels
        /// them and ends the command.
        /// </summary>
        private protected T Stoppable<T>(Func<CancellationToken, T> call)
        {
            try
            {
                return call(CancellationToken);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// One read of a cluster. A stopped pipeline ends the command; a failed read is a per-item
        /// error (worded by <paramref name="describe"/>, default the read's own message) and null.
        /// </summary>
        private protected T? ReadCluster<T>(Func<IClusterReader, CancellationToken, Task<T>> read, string kubeconfig, Func<ClusterReadException, Exception>? describe = null)
            where T : class
        {
            try
            {
                return read(ClusterReader, CancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClusterReadException ex)
            {
                WriteError(describe?.Invoke(ex) ?? ex, ex.Kind, kubeconfig, ex.RecommendedAction);
                return null;
            }
        }
    }
}
