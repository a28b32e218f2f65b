using System;
using System.Management.Automation;
using DkpFips.Core.Aws;

namespace DkpFips.Infrastructure
{
    /// <summary>Refuses anything that is not an AMI id (ami- and 8 or 17 lowercase hex digits), saying what was expected.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateAmiIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = element is PSObject wrapped ? wrapped.BaseObject as string : element as string;
            if (!AmiId.IsValid(text))
            {
                throw new ValidationMetadataException($"'{text ?? element?.ToString()}' is not an AMI id: expected {AmiId.ExpectedForm}.");
            }
        }
    }
}
