using System;
using DkpFips.Core.Process;
using DkpFips.Core.Upgrade;

namespace DkpFips.Infrastructure
{
    /// <summary>The upgrade engine's host made of the cmdlet's own methods (which write its streams).</summary>
    internal sealed class UpgradeHost : IUpgradeHost
    {
        private readonly Func<UpgradeCommandRun, ProcessRunResult> run;
        private readonly Func<string?> findKubectl;
        private readonly Action<UpgradeNotice> notify;

        public UpgradeHost(Func<UpgradeCommandRun, ProcessRunResult> run, Func<string?> findKubectl, Action<UpgradeNotice> notify)
        {
            this.run = run;
            this.findKubectl = findKubectl;
            this.notify = notify;
        }

        public ProcessRunResult Run(UpgradeCommandRun command) => run(command);

        public string? FindKubectl() => findKubectl();

        public void Notify(UpgradeNotice notice) => notify(notice);
    }
}
