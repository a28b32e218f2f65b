using System.Text.Json;
using DkpFips.Core.Cluster;

namespace DkpFips.Kubernetes
{
    /// <summary>The machine image an infrastructure machine template boots, per provider.</summary>
    internal static class MachineTemplates
    {
        public static MachineTemplateInfo Describe(ObjectReference reference, object? template)
        {
            switch (reference.Kind)
            {
                case "AWSMachineTemplate":
                    var ami = Json.String(template, "spec", "template", "spec", "ami", "id");
                    if (ami is not null)
                    {
                        return new MachineTemplateInfo(reference, ami, "AMI");
                    }

                    // No id: CAPA looks an AMI up by name format and base OS.
                    var lookup = Json.String(template, "spec", "template", "spec", "imageLookupFormat")
                        ?? Json.String(template, "spec", "template", "spec", "imageLookupBaseOS");
                    return new MachineTemplateInfo(reference, lookup, lookup is null ? "AMI" : "AMI lookup");
                case "VSphereMachineTemplate":
                    return new MachineTemplateInfo(reference, Json.String(template, "spec", "template", "spec", "template"), "VM template");
                default:
                    // Pre-provisioned and other providers name no image the checks could judge.
                    return new MachineTemplateInfo(reference, null, null);
            }
        }
    }
}
