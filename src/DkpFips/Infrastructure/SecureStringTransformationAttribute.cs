using System;
using System.Management.Automation;
using System.Security;

namespace DkpFips.Infrastructure
{
    /// <summary>
    /// Lets a SecureString parameter also take plain text (as AWS.Tools' -SecretKey does), turning
    /// it into a SecureString at once. Never echoes the value in an error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case SecureString secure:
                    return secure;
                case string text:
                    var result = new SecureString();
                    foreach (var c in text)
                    {
                        result.AppendChar(c);
                    }

                    result.MakeReadOnly();
                    return result;
                default:
                    throw new ArgumentTransformationMetadataException($"Expected a SecureString or a string, got a {value.GetType().Name}.");
            }
        }
    }
}
