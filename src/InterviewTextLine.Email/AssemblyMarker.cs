namespace InterviewTextLine.Email;
internal static class AssemblyMarker;
