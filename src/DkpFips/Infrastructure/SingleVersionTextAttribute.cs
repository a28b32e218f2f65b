using System;
using System.Management.Automation;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// [VersionText] for a parameter that takes one version: keeps an unquoted 1.30 as typed
    /// (see <see cref="VersionTextAttribute"/>) and hands over a single string.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SingleVersionTextAttribute : ArgumentTransformationAttribute
    {
        private static readonly VersionTextAttribute Inner = new VersionTextAttribute();

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var result = Inner.Transform(engineIntrinsics, inputData);
            return result is string[] single && single.Length == 1 ? single[0] : result;
        }
    }
}
